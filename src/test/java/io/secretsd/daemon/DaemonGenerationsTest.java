package io.secretsd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.DecryptedFile;
import io.secretsd.activation.KeyInputs;
import io.secretsd.activation.KeyReport;
import io.secretsd.activation.Mounter;
import io.secretsd.activation.Options;
import io.secretsd.activation.SecretSource;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SourceException;
import io.secretsd.manifest.Format;
import io.secretsd.manifest.Manifest;
import io.secretsd.platform.Platform;
import io.secretsd.watch.WatchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's generations over a run of changes, with a real watcher on real files: each change leaves exactly
 * the manifest's files, the old generations are pruned once the new one is in place (the last one recycled into
 * the spare the next change is built in, holding no value that is not current), and a change that fails leaves
 * the last good generation. Its source reads each file's bytes as the secret (no crypto here).
 */
class DaemonGenerationsTest {
    @TempDir
    Path dir;

    /** A "sops file" is its plaintext; one that begins with BROKEN cannot be decrypted. */
    static final class PlainFiles implements SecretSourceFactory, SecretSource {
        @Override
        public SecretSource open(KeyInputs keys, KeyReport report) {
            return this;
        }

        @Override
        public DecryptedFile decrypt(Path sopsFile, Format format) throws SourceException {
            byte[] b;
            try {
                b = Files.readAllBytes(sopsFile);
            } catch (IOException e) {
                throw new SourceException(SourceException.Reason.UNREADABLE, "cannot read " + sopsFile);
            }
            if (new String(b, StandardCharsets.UTF_8).startsWith("BROKEN")) {
                throw new SourceException(SourceException.Reason.MALFORMED, sopsFile + " is not a sops file");
            }
            return new DecryptedFile() {
                @Override
                public byte[] value(String key) {
                    return b.clone();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<String> missingKeys(Path sopsFile, Format format, List<String> keys) {
            return List.of();
        }
    }

    @Test
    void changesLeaveExactlyTheManifestsFilesInOneGenerationAndAFailureKeepsTheLastGood() throws Exception {
        write("a.bin", "a1");
        write("b.bin", "b1");
        Files.writeString(dir.resolve("manifest.json"), """
                {"secrets":[{"name":"a","key":"","sopsFile":"D/a.bin","format":"binary"},
                  {"name":"b","key":"","sopsFile":"D/b.bin","format":"binary"},
                  {"name":"c/d","key":"","sopsFile":"D/b.bin","format":"binary","mode":"0440"}],
                 "templates":[],"placeholderBySecretName":{},
                 "secretsMountPoint":"D/secrets.d","symlinkPath":"D/secrets","keepGenerations":1}
                """.replace("D", dir.toString()));
        Options options = Options.fromEnvironment(Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withIgnorePasswd(true);
        List<ActivationResult> results = new CopyOnWriteArrayList<>();
        DaemonListener listener = new DaemonListener() {
            @Override
            public void activated(Manifest manifest, ActivationResult result, Instant at, boolean first) {
                results.add(result);
            }
        };
        try (Daemon daemon = new Daemon(dir.resolve("manifest.json"), options, new PlainFiles(), WatchOptions.defaults(),
                Units.none("test"), List.of(listener))) {
            daemon.start();
            assertEquals("a1", read("a"));
            Set<String> files = Set.of("a", "b", "c/d");
            long b = inode("b");

            for (int i = 2; i <= 6; i++) {
                String v = "a" + i;
                write("a.bin", v);
                await("the new value " + v, () -> v.equals(read("a")));
                assertEquals(files, tree(dir.resolve("secrets")), "after change " + i);
            }
            await("the old generations pruned", () -> generations().size() == 1 && leftovers().size() == 1);
            assertEquals(Set.of(Files.readSymbolicLink(dir.resolve("secrets")).getFileName().toString()), generations());
            assertEquals(b, inode("b"), "b was carried over each time, never rewritten");
            assertTrue(leftovers().iterator().next().startsWith(".gen-spare-"), leftovers().toString());
            for (int i = 1; i <= 5; i++) {
                assertFalse(holds("a" + i), "a value no longer current is gone from the mount point: a" + i);
            }
            assertEquals("b1", read("c/d"));

            int before = results.size();
            write("b.bin", "BROKEN");
            await("the failed re-activation", () -> results.size() > before);
            assertEquals(1, results.getLast().exitStatus(), results.getLast().errors().toString());
            assertEquals("b1", read("b"), "a change that fails keeps the last good content");
            assertEquals("b1", read("c/d"));
            assertEquals(files, tree(dir.resolve("secrets")));

            write("b.bin", "b2");
            await("the repaired file", () -> "b2".equals(read("b")) && "b2".equals(read("c/d")));
            assertEquals("a6", read("a"));
            await("the old generations pruned", () -> generations().size() == 1);
            assertEquals(files, tree(dir.resolve("secrets")));
            await("the spare made", () -> leftovers().size() == 1);
            assertTrue(leftovers().iterator().next().startsWith(".gen-spare-"), "no half-built generation: " + leftovers());
            assertFalse(holds("b1"));
        }
    }

    /** Replaced atomically, as editors and `secretsctl edit` do. */
    private void write(String name, String content) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private String read(String rel) {
        try {
            return Files.readString(dir.resolve("secrets").resolve(rel));
        } catch (IOException e) {
            return null;
        }
    }

    private long inode(String rel) throws IOException {
        return (Long) Files.getAttribute(dir.resolve("secrets").resolve(rel), "unix:ino");
    }

    /** Hidden directories: the daemon's spare, or a half-built generation. */
    private Set<String> leftovers() {
        try (var s = Files.list(dir.resolve("secrets.d"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".gen-")).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Whether any regular file of the mount point holds exactly this text. */
    private boolean holds(String text) throws IOException {
        try (var s = Files.walk(dir.resolve("secrets.d"))) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.readString(p).equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<String> generations() {
        try (var s = Files.list(dir.resolve("secrets.d"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+")).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static Set<String> tree(Path link) throws IOException {
        Path real = link.toRealPath();
        try (var s = Files.walk(real)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> real.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Polls until cond holds, with a deadline generous enough for a loaded machine. */
    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
