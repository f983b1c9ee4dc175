package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real gpg binary in a throw-away GnuPG home; close() stops its agent and deletes the home. */
final class TestGpg implements AutoCloseable {
    final Path home;

    TestGpg() throws IOException {
        requireGpg();
        home = Files.createTempDirectory(Path.of("/tmp"), "pgp-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // Without a fixed count gpg-agent calibrates its S2K count first, which takes seconds here.
        Files.writeString(home.resolve("gpg-agent.conf"), "s2k-count 65536\n");
    }

    /** A copy of a read-only GnuPG home (gpg wants to write lock files and its agent socket). */
    static TestGpg copyOf(Path source) throws IOException {
        TestGpg gpg = new TestGpg();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = gpg.home.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        return gpg;
    }

    static void requireGpg() {
        try {
            Process p = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) fail("gpg --version failed; install gnupg (apt-get install -y gnupg)");
        } catch (IOException | InterruptedException e) {
            fail("the gpg binary is needed for this test: apt-get install -y gnupg (" + e.getMessage() + ")");
        }
    }

    record Run(int status, byte[] stdout, String stderr) {
    }

    Run tryRun(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            Thread writer = Thread.ofVirtual().start(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // gpg may not read its input
                }
            });
            byte[][] err = new byte[1][];
            Thread errors = Thread.ofVirtual().start(() -> {
                try (InputStream e = p.getErrorStream()) {
                    err[0] = e.readAllBytes();
                } catch (IOException ignored) {
                    err[0] = new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("gpg timed out: " + command);
            }
            writer.join();
            errors.join();
            return new Run(p.exitValue(), out, new String(err[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] run(byte[] stdin, String... args) {
        Run r = tryRun(stdin, args);
        if (r.status() != 0) fail("gpg " + String.join(" ", args) + " failed (" + r.status() + "): " + r.stderr());
        return r.stdout();
    }

    byte[] run(String... args) {
        return run(new byte[0], args);
    }

    /** Generates a key with quick-gen-key (and optional quick-add-key encryption subkey); returns its fingerprint. */
    String generate(String uid, String algo, String usage, String passphrase, String subkeyAlgo) {
        run("--pinentry-mode", "loopback", "--passphrase", passphrase, "--quick-gen-key", uid, algo, usage, "never");
        String fp = fingerprint(uid);
        if (subkeyAlgo != null) {
            run("--pinentry-mode", "loopback", "--passphrase", passphrase, "--quick-add-key", fp, subkeyAlgo, "encr", "never");
        }
        return fp;
    }

    String fingerprint(String uid) {
        String listing = new String(run("--with-colons", "--list-keys", "=" + uid), StandardCharsets.UTF_8);
        return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    /** The encryption subkey fingerprints gpg lists for a key. */
    List<String> subkeyFingerprints(String fp) {
        String listing = new String(run("--with-colons", "--list-keys", fp), StandardCharsets.UTF_8);
        List<String> subs = new ArrayList<>();
        boolean inSub = false;
        for (String line : listing.lines().toList()) {
            if (line.startsWith("sub:")) inSub = true;
            else if (line.startsWith("fpr:") && inSub) {
                subs.add(line.split(":")[9]);
                inSub = false;
            } else if (!line.startsWith("fpr:")) inSub = false;
        }
        return subs;
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // the agent exits on its own once its socket is gone
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
