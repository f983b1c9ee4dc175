package io.secretsd.platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's programs (hdiutil, mount, getconf, launchctl) found on a search path. The path is
 * explicit rather than the JVM's own because a child is always looked up on the parent's {@code PATH}:
 * this way tests put stand-ins first and the daemon uses exactly the {@code PATH} it was given.
 */
public record Programs(List<Path> searchPath, Duration timeout) {
    /** launchd's and a login shell's default when {@code PATH} is unset. */
    static final String DEFAULT_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final int MAX_OUTPUT = 64 * 1024;

    public Programs {
        searchPath = List.copyOf(searchPath);
    }

    public static Programs fromEnvironment(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        List<Path> dirs = new ArrayList<>();
        for (String d : (path.isEmpty() ? DEFAULT_PATH : path).split(":")) {
            if (d.startsWith("/")) {
                dirs.add(Path.of(d)); // a relative entry would depend on the working directory: skipped
            }
        }
        return new Programs(dirs, Duration.ofSeconds(60));
    }

    /** What a program printed and how it ended. */
    public record Output(int status, String stdout, String stderr) {
        public boolean ok() {
            return status == 0;
        }

        /** "exited with N" and the first non-blank line of stderr (else of stdout): for error messages. */
        public String failure() {
            for (String s : List.of(stderr, stdout)) {
                var line = s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
                if (line.isPresent()) {
                    return "exited with " + status + ": " + line.get();
                }
            }
            return "exited with " + status;
        }
    }

    /** The first executable called {@code name} on the search path. */
    public Path find(String name) throws IOException {
        for (Path dir : searchPath) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException(name + " not found on PATH");
    }

    /** Runs {@code program args...} with no input; throws only when it cannot be started or does not finish. */
    public Output run(String program, String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(find(program).toString());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // Both pipes are drained on their own threads, so a program that never closes them cannot outlast the timeout.
        FutureTask<String> out = new FutureTask<>(() -> read(p.getInputStream()));
        FutureTask<String> err = new FutureTask<>(() -> read(p.getErrorStream()));
        Thread.ofVirtual().start(out);
        Thread.ofVirtual().start(err);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(program + " did not finish within " + timeout.toSeconds() + "s");
            }
            // A daemon the program left behind may hold the pipes open: the output is not waited for forever either.
            return new Output(p.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(program + " exited but left its output open for " + timeout.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read what " + program + " printed: " + e.getCause().getMessage(), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(MAX_OUTPUT);
            in.transferTo(java.io.OutputStream.nullOutputStream()); // drain the rest so the program never blocks on a full pipe
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
