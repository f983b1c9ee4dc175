package io.secretsd.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program (systemctl); an interface so tests can record instead. */
@FunctionalInterface
public interface CommandRunner {
    /** Returns the exit status; output is returned through {@code IOException} messages on failure only. */
    int run(List<String> argv) throws IOException;

    CommandRunner SYSTEM = argv -> {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " timed out");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + new String(String.join(" ", argv).getBytes(),
                    StandardCharsets.UTF_8), e);
        }
    };
}
