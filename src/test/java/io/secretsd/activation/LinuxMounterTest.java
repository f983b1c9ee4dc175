package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxMounterTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheTypeMountedExactlyThere() throws Exception {
        Path info = tmp.resolve("mountinfo");
        Files.writeString(info, """
                22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
                30 22 0:25 / /run rw,nosuid,nodev shared:5 - tmpfs tmpfs rw,mode=755
                41 30 0:40 / /run/secrets.d rw,nosuid,nodev,noexec,relatime - ramfs none rw,mode=751
                42 30 0:41 / /run/with\\040space rw,relatime - tmpfs none rw
                """);
        LinuxMounter m = new LinuxMounter(info);
        assertEquals(Optional.of("ramfs"), m.fsType(Path.of("/run/secrets.d")));
        assertEquals(Optional.of("tmpfs"), m.fsType(Path.of("/run/with space")));
        assertEquals(Optional.empty(), m.fsType(Path.of("/run/secrets-for-users.d")),
                "a directory on /run's tmpfs is not itself a mount point");
    }

    @Test
    void generationNumbers() {
        assertEquals(java.util.OptionalInt.of(12), Generations.number("12"));
        assertEquals(java.util.OptionalInt.empty(), Generations.number("012"));
        assertEquals(java.util.OptionalInt.empty(), Generations.number("1a"));
        assertEquals(java.util.OptionalInt.empty(), Generations.number(""));
        assertEquals(java.util.OptionalInt.empty(), Generations.number("99999999999"));
    }
}
