package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test vectors; a test that needs them fails (not skips) when they are missing. */
final class Vectors {
    private Vectors() {}

    static Path dir() {
        String prop = System.getProperty("secretsd.vectors");
        if (prop == null) fail("system property secretsd.vectors is not set (the pom sets it to src/test/resources/vectors)");
        Path dir = Path.of(prop);
        if (!Files.isDirectory(dir)) fail("test vectors folder " + dir + " is missing (expected src/test/resources/vectors)");
        return dir;
    }

    static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) fail("test vector " + p + " is missing");
        return p;
    }

    /** A value from the vectors README, found by the text that precedes it. */
    static String readmeValue(String after, String prefix) throws IOException {
        String readme = Files.readString(file("README.md"));
        int i = readme.indexOf(after);
        if (i < 0) fail("vectors README has no '" + after + "'");
        int j = readme.indexOf(prefix, i);
        if (j < 0) fail("vectors README has no '" + prefix + "' after '" + after + "'");
        int k = j;
        while (k < readme.length() && Character.isLetterOrDigit(readme.charAt(k)) || k < readme.length() && readme.charAt(k) == '-') k++;
        return readme.substring(j, k);
    }
}
