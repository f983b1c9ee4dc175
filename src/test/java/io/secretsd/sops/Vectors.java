package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test vectors folder; a test that needs it fails with a message when it is missing. */
final class Vectors {
    private Vectors() {}

    static Path dir() {
        String p = System.getProperty("secretsd.vectors");
        if (p == null) fail("system property secretsd.vectors is not set (run through Maven)");
        Path d = Path.of(p);
        if (!Files.isDirectory(d.resolve("sops-nix"))) fail("test vectors not found at " + d.toAbsolutePath() + " (expected src/test/resources/vectors)");
        return d;
    }

    static Path sopsNix(String name) {
        return dir().resolve("sops-nix").resolve(name);
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(sopsNix(name));
        } catch (IOException e) {
            throw new AssertionError("cannot read vector " + name, e);
        }
    }
}
