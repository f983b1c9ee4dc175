package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/secretsd-VERSION-portable.tar.gz unpacked and run as a Mac would run it: no Java runtime inside, the
 * launchers finding the JDK 25 that JAVA_HOME names (as the Homebrew formula sets it) with no java on the PATH;
 * and target/secretsd.rb naming that archive by its sha256.
 */
class PortableTarballIT {
    private static final Path TARGET = Path.of(System.getProperty("user.dir"), "target");
    private static final Path JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    private static Path tarball() throws Exception {
        try (var s = Files.list(TARGET)) {
            return s.filter(p -> p.getFileName().toString().matches("secretsd-.*-portable\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no portable tarball in " + TARGET));
        }
    }

    @Test
    void unpacksAndRunsOnTheJdkJavaHomeNames() throws Exception {
        Path tar = tarball();
        Proc.Result x = Proc.run("tar", "-xzf", tar.toString(), "-C", dir.toString());
        assertEquals(0, x.exit(), x.toString());
        Path home;
        try (var s = Files.list(dir)) {
            home = s.findFirst().orElseThrow();
        }
        assertFalse(Files.exists(home.resolve("runtime")), "no bundled runtime");
        assertTrue(Files.isExecutable(home.resolve("bin/secretsd")));
        assertTrue(Files.isRegularFile(home.resolve("launchd/io.secretsd.secretsd.plist")));
        try (var s = Files.list(home.resolve("lib"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".aot")), "no AOT cache: it only serves the JVM it was trained on");
        }
        Map<String, String> env = Map.of("JAVA_HOME", JDK.toString(), "PATH", "/usr/bin:/bin", "HOME", dir.toString());
        Proc.Result v = Proc.run(null, env, List.of(home.resolve("bin/secretsd").toString(), "--version"));
        assertEquals(0, v.exit(), v.toString());
        Proc.Result c = Proc.run(null, env, List.of(home.resolve("bin/secretsctl").toString(), "--help"));
        assertEquals(0, c.exit(), c.toString());

        Proc.Result none = Proc.run(null, Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "JAVA_HOME", dir.toString()),
                List.of("sh", "-c", "cd / && " + home.resolve("bin/secretsd") + " --version"));
        if (none.exit() != 0) {
            assertEquals(127, none.exit(), none.toString());
            assertTrue(none.stderr().contains("no Java 25 or newer found (set JAVA_HOME)"), none.stderr());
        }
    }

    @Test
    void theBuiltFormulaNamesTheArchiveBySha256() throws Exception {
        Path tar = tarball();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tar)));
        String formula = Files.readString(TARGET.resolve("secretsd.rb"));
        assertTrue(formula.contains("sha256 \"" + sha + "\""), formula);
        assertTrue(formula.contains("/" + tar.getFileName() + "\""), formula);
        assertFalse(formula.contains("@VERSION@") || formula.contains("@SHA256@"), formula);
    }
}
