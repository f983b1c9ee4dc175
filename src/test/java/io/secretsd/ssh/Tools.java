package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (ssh-keygen, age, openssl) the tests interoperate with. */
final class Tools {
    private Tools() {}

    static void require(String tool, String aptPackage) {
        boolean found = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        // CI installs every tool the tests interoperate with, so a missing one is a failure, not a skip.
        if (!found) org.junit.jupiter.api.Assertions.fail(tool + " is not installed (apt-get install -y " + aptPackage + ")");
    }

    /** Runs a command, feeding {@code stdin}, and returns stdout; a non-zero exit fails the test with stderr. */
    static byte[] run(Path dir, byte[] stdin, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                    .redirectError(err.toFile()).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + read(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static byte[] run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, null, command);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(stderr unreadable)";
        }
    }
}
