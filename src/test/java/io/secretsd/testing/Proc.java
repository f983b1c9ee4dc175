package io.secretsd.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real process with optional stdin and captures its exit status, stdout and stderr. */
public final class Proc {
    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + ", stderr: " + stderr;
        }
    }

    private Proc() {}

    public static Result run(byte[] stdin, Map<String, String> env, List<String> command) {
        return run(null, stdin, env, command);
    }

    /**
     * In {@code dir} (null: this process's), with {@code env} over this process's environment less every
     * {@code SOPS_*} variable, so a developer's own sops settings never leak into a test.
     */
    public static Result run(Path dir, byte[] stdin, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (dir != null) {
                pb.directory(dir.toFile());
                pb.environment().keySet().removeIf(k -> k.startsWith("SOPS_"));
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            } catch (IOException ignored) {
                // the process may exit without reading its input
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(String... command) {
        return run(null, Map.of(), List.of(command));
    }

    public static Result runIn(byte[] stdin, String... command) {
        return run(stdin, Map.of(), List.of(command));
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A command on PATH that the test needs; CI installs it, so its absence is a failure. */
    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        fail(tool + " not found on PATH (.ci/run installs it with apt-get)");
        return null;
    }

    /** The packaged launcher from target/dist (integration tests run after `package`). */
    public static String dist(String launcher) {
        Path p = Path.of(System.getProperty("secretsd.dist", "target/dist"), "bin", launcher);
        if (!Files.isExecutable(p)) fail("launcher " + p + " missing: run `mvn package` first");
        return p.toString();
    }

    public static List<String> cmd(String first, String... rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(List.of(rest));
        return l;
    }
}
