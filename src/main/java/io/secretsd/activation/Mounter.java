package io.secretsd.activation;

import java.io.IOException;
import java.nio.file.Path;

/** Makes sure a RAM file system is mounted at the secrets mount point. */
public interface Mounter {
    /** Mounts unless a ramfs or tmpfs is already mounted there; the directory exists when this is called. */
    void ensureMounted(Path mountPoint, boolean useTmpfs) throws IOException;

    /** For user mode and for tests on a plain directory: no mount at all. */
    Mounter NONE = (mountPoint, useTmpfs) -> { };
}
