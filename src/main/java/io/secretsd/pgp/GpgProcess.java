package io.secretsd.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the gpg binary: stdin written, stdout and stderr collected, a time limit. */
final class GpgProcess {
    /** gpg's error text is passed on, but a runaway one is cut here. */
    private static final int MAX_STDERR = 8 * 1024;

    record Result(int status, byte[] stdout, String stderr) {
        @Override
        public String toString() {
            return "Result[status=" + status + ", " + stdout.length + " bytes]";
        }
    }

    private GpgProcess() {
    }

    static Result run(String executable, List<String> args, byte[] stdin, Duration timeout, String what)
            throws GpgException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new GpgException(what + ": cannot run " + executable + ": " + e.getMessage(), e);
        }
        try {
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // gpg stopped reading (it failed early); its status and stderr tell why
                }
            });
            var stderr = new byte[1][];
            Thread errors = Thread.ofVirtual().start(() -> stderr[0] = readCapped(process.getErrorStream()));
            byte[] stdout;
            try (InputStream out = process.getInputStream()) {
                stdout = out.readAllBytes();
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new GpgException(what + ": " + executable + " did not finish within " + timeout.toSeconds() + " s", -1);
            }
            writer.join();
            errors.join();
            // gpg's lines joined into one, so the error it explains stays a single line of ours
            String text = new String(stderr[0] == null ? new byte[0] : stderr[0], StandardCharsets.UTF_8).strip()
                    .replaceAll("\\s*\\R\\s*", "; ");
            return new Result(process.exitValue(), stdout, text);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new GpgException(what + ": talking to " + executable + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GpgException(what + ": interrupted while waiting for " + executable, e);
        }
    }

    private static byte[] readCapped(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_STDERR);
            in.transferTo(OutputStream.nullOutputStream());
            return kept;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
