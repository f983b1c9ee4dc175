package io.secretsd.activation;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program (systemctl); an interface so tests can record instead. */
@FunctionalInterface
public interface CommandRunner {
    /** Runs {@code argv} and returns its exit status; its output is discarded. */
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
            throw new IOException("interrupted: " + String.join(" ", argv), e);
        }
    };
}
