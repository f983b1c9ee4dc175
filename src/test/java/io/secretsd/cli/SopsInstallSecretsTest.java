package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.activation.Mounter;
import io.secretsd.activation.Options;
import io.secretsd.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopsInstallSecretsTest {
    @TempDir
    Path tmp;
    Path manifest;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        manifest = tmp.resolve("manifest.json");
        Files.writeString(manifest, ("{\"secrets\":[{\"name\":\"x\",\"key\":\"a\",\"sopsFile\":\"/s.yaml\"}],"
                + "\"secretsMountPoint\":\"T/secrets.d\",\"symlinkPath\":\"T/secrets\"}").replace("T", tmp.toString()));
    }

    int run(String... args) {
        Options o = Options.fromEnvironment(Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(tmp.resolve("nixos"));
        return SopsInstallSecrets.run(ActivateCommandTest.SOURCE, o, new PrintStream(out, true),
                new PrintStream(err, true), args);
    }

    @Test
    void checkModeInstallsNothing() {
        assertEquals(0, run("-check-mode=manifest", manifest.toString()), err.toString());
        assertEquals(0, run("--check-mode", "sopsfile", "-ignore-passwd", manifest.toString()), err.toString());
        assertTrue(Files.notExists(tmp.resolve("secrets.d")));
    }

    @Test
    void installsLikeActivate() throws Exception {
        assertEquals(0, run("-ignore-passwd", manifest.toString()), err.toString());
        assertEquals("v", Files.readString(tmp.resolve("secrets/x")));
        assertEquals(0, run("--ignore-passwd=true", "--check-mode=off", manifest.toString()), err.toString());
        assertEquals(tmp.resolve("secrets.d/2"), Files.readSymbolicLink(tmp.resolve("secrets")));
    }

    @Test
    void badUsageIsTwoWithTheUsage() {
        assertEquals(2, run());
        assertEquals(2, run("-check-mode=bogus", manifest.toString()));
        assertEquals(2, run("-frobnicate", manifest.toString()));
        assertTrue(err.toString().contains("flag provided but not defined: -frobnicate"), err.toString());
        assertTrue(err.toString().contains("Usage: sops-install-secrets"), err.toString());
        assertEquals(2, run(manifest.toString(), "extra"));
    }

    @Test
    void helpIsZero() {
        assertEquals(0, run("-h"));
        assertTrue(out.toString().contains("-check-mode"), out.toString());
    }
}
