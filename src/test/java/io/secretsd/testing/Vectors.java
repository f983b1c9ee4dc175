package io.secretsd.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The test vectors (src/test/resources/vectors); a test that needs them fails loudly when they are absent. */
public final class Vectors {
    private Vectors() {}

    public static Path dir() {
        String p = System.getProperty("secretsd.vectors", "src/test/resources/vectors");
        Path dir = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) fail("test vectors not found at " + dir + " (expected src/test/resources/vectors in the project)");
        return dir;
    }

    public static Path sopsNix(String name) {
        return dir().resolve("sops-nix").resolve(name);
    }
}
