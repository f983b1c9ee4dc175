package io.secretsd.activation;

import io.secretsd.platform.Platform;
import io.secretsd.platform.Programs;
import java.io.IOException;
import java.nio.file.Path;

/** Makes sure a RAM file system is mounted at the secrets mount point; {@link #forPlatform} picks the kind. */
public interface Mounter {
    /** Mounts unless one is already mounted there (ramfs or tmpfs; on macOS a marked RAM disk); the directory exists when this is called. */
    void ensureMounted(Path mountPoint, boolean useTmpfs) throws IOException;

    /** Whether user mode mounts too (a macOS user may attach a RAM disk; a Linux user cannot mount ramfs). */
    default boolean mountsInUserMode() {
        return false;
    }

    /** The platform's RAM file system: Linux's ramfs or tmpfs, macOS's RAM disk. */
    static Mounter forPlatform(Platform platform, Programs programs) {
        return switch (platform) {
            case LINUX -> new LinuxMounter();
            case MACOS -> new MacRamDisk(programs);
        };
    }

    /** For user mode and for tests on a plain directory: no mount at all. */
    Mounter NONE = (mountPoint, useTmpfs) -> { };
}
