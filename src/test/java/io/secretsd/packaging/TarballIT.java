package io.secretsd.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.secretsd.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/secretsd-VERSION-linux-x86_64.tar.gz unpacked into an empty folder runs with every JDK hidden. */
class TarballIT {
    @TempDir
    Path empty;

    static Path tarball() throws IOException {
        Path target = Path.of(System.getProperty("secretsd.dist", "target/dist")).toAbsolutePath().getParent();
        try (Stream<Path> s = Files.list(target)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("secretsd-.*-linux-x86_64\\.tar\\.gz")).toList();
            if (found.size() != 1) fail("expected one tarball in " + target + " (made by `mvn package`), found " + found);
            return found.getFirst();
        }
    }

    @Test
    void unpackedAnywhereTheDemoRunsWithoutAJdk() throws IOException {
        NoJdk.assumeAvailable();
        Proc.Result untar = Proc.run("tar", "-xzf", tarball().toString(), "-C", empty.toString());
        assertEquals(0, untar.exit(), untar.toString());
        Path home;
        try (Stream<Path> s = Files.list(empty)) {
            home = s.findFirst().orElseThrow();
        }
        assertNotEquals(0, NoJdk.run(home, "java", "-version").exit(), "the JDKs are hidden");
        Proc.Result demo = NoJdk.run(home, "bin/secretsd", "demo", "--once");
        assertEquals(0, demo.exit(), demo + "\n" + demo.out());
        assertTrue(demo.out().contains("Tour done (--once)"), demo.out());
        Proc.Result version = NoJdk.run(home, "bin/secretsctl", "--version");
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().startsWith("secretsd "), version.out());
    }
}
