package io.secretsd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files, real inotify events. Waits poll with generous timeouts; nothing sleeps a fixed time. */
class FileWatcherTest {

    /** Long enough for a loaded 2-core machine; a passing test never waits this long. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    final WatchOptions FAST = options(WatchOptions.defaults()
            .withSettle(Duration.ofMillis(20))
            .withMaxWait(Duration.ofMillis(500))
            .withRescanInterval(Duration.ZERO)
            .withMountCheckInterval(Duration.ZERO));

    /** The watch service's events here; {@link EntryPollFileWatcherTest} runs every test with entry polling. */
    WatchOptions options(WatchOptions base) {
        return base;
    }

    @TempDir
    Path tmp;

    @Test
    void inPlaceWriteIsSeen() throws Exception {
        Path file = write(tmp.resolve("secrets.yaml"), "a: 1\n");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            Files.writeString(file, "a: 2\n");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void atomicRenameOverIsSeenAgainAndAgain() throws Exception {
        Path file = write(tmp.resolve("secrets.yaml"), "v0");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            for (int i = 1; i <= 3; i++) {
                renameOver(file, "v" + i);
                assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            }
        }
    }

    @Test
    void deleteThenRecreateIsSeenTwice() throws Exception {
        Path file = write(tmp.resolve("key.txt"), "key one");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            Files.delete(file);
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            write(file, "key two");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void fileInDirectoriesCreatedLaterIsSeen() throws Exception {
        Path file = tmp.resolve("mnt/keys/age").resolve("keys.txt");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            Files.createDirectories(file.getParent());
            write(file, "AGE-SECRET-KEY-1...");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            // The watch moved down into the new directory: a later rename-over there is seen too.
            renameOver(file, "another key");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void directoryRemovedAndCreatedAgainIsFollowed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("keys"));
        Path file = write(dir.resolve("k"), "one");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            Files.delete(file);
            Files.delete(dir);
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            Files.createDirectories(dir);
            write(file, "two");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            Files.writeString(file, "three");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void touchAndSameContentRewritesGiveNoBatch() throws Exception {
        Path file = write(tmp.resolve("secrets.yaml"), "same");
        Path sentinel = write(tmp.resolve("sentinel"), "0");
        try (FileWatcher watcher = FileWatcher.open(List.of(file, sentinel), FAST)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            Files.writeString(file, "same");
            renameOver(file, "same");
            Files.writeString(sentinel, "1");
            // Events come in order: once the sentinel is reported, the file's events have been judged.
            assertEquals(Set.of(sentinel), awaitChanges(watcher, Set.of(sentinel)));
        }
    }

    @Test
    void changeAndChangeBackWithinTheSettleDelayGivesNoBatch() throws Exception {
        Path file = write(tmp.resolve("secrets.yaml"), "original");
        Path sentinel = write(tmp.resolve("sentinel"), "0");
        WatchOptions slow = FAST.withSettle(Duration.ofMillis(400)).withMaxWait(Duration.ofSeconds(5));
        try (FileWatcher watcher = FileWatcher.open(List.of(file, sentinel), slow)) {
            Files.writeString(file, "edited");
            Files.writeString(file, "original");
            Files.writeString(sentinel, "1");
            assertEquals(Set.of(sentinel), awaitChanges(watcher, Set.of(sentinel)));
        }
    }

    @Test
    void burstOfFiftyWritesGivesOneBatchWithTheFinalContent() throws Exception {
        Path file = write(tmp.resolve("secrets.yaml"), "start");
        List<Set<Path>> batches = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        BlockingQueue<Object> done = new LinkedBlockingQueue<>();
        WatchOptions options = FAST.withSettle(Duration.ofMillis(50)).withMaxWait(Duration.ofSeconds(2));
        try (FileWatcher watcher = FileWatcher.open(List.of(file), options, batch -> {
            synchronized (batches) {
                batches.add(batch.paths());
                try {
                    seen.add(Files.readString(file));
                } catch (IOException e) {
                    seen.add("unreadable: " + e);
                }
            }
            done.add(batch);
        })) {
            for (int i = 1; i <= 50; i++) {
                if (i % 2 == 0) {
                    renameOver(file, "write " + i);
                } else {
                    Files.writeString(file, "write " + i);
                }
            }
            // Wait until a delivered batch saw the final content.
            long end = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                synchronized (batches) {
                    if (!seen.isEmpty() && seen.getLast().equals("write 50")) {
                        break;
                    }
                }
                if (System.nanoTime() > end) {
                    fail("no batch saw the final content; batches: " + seen);
                }
                done.poll(100, TimeUnit.MILLISECONDS);
            }
            synchronized (batches) {
                // One batch, unless the loaded machine paused the writer for longer than the settle delay.
                assertTrue(batches.size() <= 3, "50 writes gave " + batches.size() + " batches: " + seen);
                batches.forEach(b -> assertEquals(Set.of(file), b));
            }
        }
    }

    @Test
    void retargetedDirectorySymlinkIsAChange() throws Exception {
        // The NixOS shape: /etc/static -> /nix/store/<hash>-etc, and the watched path goes through it.
        Path gen1 = write(Files.createDirectories(tmp.resolve("store/gen1-etc/secrets")).resolve("s.yaml"), "one");
        Path gen2 = write(Files.createDirectories(tmp.resolve("store/gen2-etc/secrets")).resolve("s.yaml"), "two");
        Path gen3 = write(Files.createDirectories(tmp.resolve("store/gen3-etc/secrets")).resolve("s.yaml"), "two");
        Path link = tmp.resolve("etc/static");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, gen1.getParent().getParent());
        Path file = link.resolve("secrets/s.yaml");
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST)) {
            retarget(link, gen2.getParent().getParent());
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            // The same bytes behind a new target still count: the target is what changed.
            retarget(link, gen3.getParent().getParent());
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            // And the file behind the current target is watched too.
            Files.writeString(gen3, "three");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void retargetedFileSymlinkIsAChange() throws Exception {
        Path a = write(tmp.resolve("a.key"), "key a");
        Path b = write(tmp.resolve("b.key"), "key b");
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("keys")).resolve("host.key"), a);
        try (FileWatcher watcher = FileWatcher.open(List.of(link), FAST)) {
            retarget(link, b);
            assertEquals(Set.of(link), awaitChanges(watcher, Set.of(link)));
            Files.delete(b); // now dangling
            assertEquals(Set.of(link), awaitChanges(watcher, Set.of(link)));
        }
    }

    @Test
    void manyFilesInManyDirectories() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            Path dir = Files.createDirectories(tmp.resolve("d" + d));
            for (int f = 0; f < 10; f++) {
                files.add(write(dir.resolve("f" + f), d + "/" + f));
            }
        }
        try (FileWatcher watcher = FileWatcher.open(files, FAST)) {
            Set<Path> changed = new LinkedHashSet<>();
            for (int i = 0; i < files.size(); i += 7) {
                Path file = files.get(i);
                if (i % 2 == 0) {
                    renameOver(file, "changed " + i);
                } else {
                    Files.writeString(file, "changed " + i);
                }
                changed.add(file);
            }
            assertEquals(changed, awaitChanges(watcher, changed));
            assertEquals(new HashSet<>(files), watcher.files());
        }
    }

    @Test
    void setFilesAddsAndDropsFiles() throws Exception {
        Path a = write(tmp.resolve("a"), "a");
        Path b = write(Files.createDirectories(tmp.resolve("other")).resolve("b"), "b");
        try (FileWatcher watcher = FileWatcher.open(List.of(a), FAST)) {
            watcher.setFiles(List.of(b));
            Files.writeString(a, "a2");
            Files.writeString(b, "b2");
            assertEquals(Set.of(b), awaitChanges(watcher, Set.of(b)));
            assertEquals(Set.of(b), watcher.files());
        }
    }

    @Test
    void periodicRescanCatchesWhatInotifyMisses() throws Exception {
        // A write through a hard link in an unwatched directory gives no event in the watched one.
        Path file = write(Files.createDirectories(tmp.resolve("watched")).resolve("f"), "one");
        Path alias = Files.createLink(Files.createDirectories(tmp.resolve("elsewhere")).resolve("f"), file);
        WatchOptions options = FAST.withRescanInterval(Duration.ofMillis(200));
        try (FileWatcher watcher = FileWatcher.open(List.of(file), options)) {
            Files.writeString(alias, "two!");
            assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        }
    }

    @Test
    void keyOnALateMountedFilesystemIsSeen() throws Exception {
        // sops-nix #149: the key lives on a filesystem mounted after the daemon started. A mount gives
        // no inotify event; the watcher notices the changed mount table.
        Path mountPoint = Files.createDirectories(tmp.resolve("persist"));
        Path source = Files.createDirectories(tmp.resolve("disk"));
        write(source.resolve("key.txt"), "AGE-SECRET-KEY-1...");
        Path file = mountPoint.resolve("key.txt");
        WatchOptions options = FAST.withMountCheckInterval(Duration.ofMillis(100));
        try (FileWatcher watcher = FileWatcher.open(List.of(file), options)) {
            Process mount = new ProcessBuilder("mount", "--bind", source.toString(), mountPoint.toString())
                    .redirectErrorStream(true).start();
            String output = new String(mount.getInputStream().readAllBytes());
            Assumptions.assumeTrue(mount.waitFor() == 0, "cannot bind-mount here (needs root): " + output);
            try {
                assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
                // And the watch now sits on the mounted directory.
                renameOver(file, "rotated key");
                assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
            } finally {
                new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor();
            }
        }
    }

    @Test
    void overflowLeadsToAFullRescan() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Path file = write(dir.resolve("secrets.yaml"), "one");
        Path trigger = write(dir.resolve("trigger"), "0");
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
        try (FileWatcher watcher = FileWatcher.open(List.of(file, trigger), FAST, batch -> {
            inListener.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch);
        })) {
            Files.writeString(trigger, "1");
            assertTrue(inListener.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            // While the listener blocks the loop, more events pile up than a key holds (512): the
            // change to the watched file is only in the overflow.
            for (int i = 0; i < 600; i++) {
                Files.writeString(dir.resolve("noise" + i), "x");
            }
            Files.writeString(file, "two");
            release.countDown();
            Set<Path> seen = new HashSet<>();
            long end = System.nanoTime() + PATIENCE.toNanos();
            while (!seen.contains(file) && System.nanoTime() < end) {
                ChangeBatch batch = batches.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    seen.addAll(batch.paths());
                }
            }
            assertEquals(Set.of(trigger, file), seen);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheWatcher() throws Exception {
        Path file = write(tmp.resolve("f"), "0");
        BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
        try (FileWatcher watcher = FileWatcher.open(List.of(file), FAST, batch -> {
            batches.add(batch);
            throw new IllegalStateException("listener bug");
        })) {
            Files.writeString(file, "1");
            assertTrue(batches.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS) != null);
            Files.writeString(file, "2");
            assertTrue(batches.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void closeStopsEveryThreadItStarted() throws Exception {
        Path file = write(tmp.resolve("f"), "0");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        FileWatcher watcher = FileWatcher.open(List.of(file), FAST.withRescanInterval(Duration.ofMillis(50)));
        Files.writeString(file, "1");
        assertEquals(Set.of(file), awaitChanges(watcher, Set.of(file)));
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        assertTrue(started.stream().anyMatch(t -> t.getName().equals("secretsd-watch")), "threads: " + started);
        watcher.close();
        watcher.close(); // idempotent
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < end) {
            Thread.onSpinWait();
            Thread.sleep(10);
        }
        assertFalse(started.stream().anyMatch(Thread::isAlive), "still alive: " + started);
        assertEquals(Optional.empty(), watcher.poll(Duration.ofMillis(10)));
        assertThrows(IllegalStateException.class, () -> watcher.setFiles(List.of(file)));
    }

    @Test
    void pollIsRefusedWhenAListenerTakesTheBatches() throws Exception {
        try (FileWatcher watcher = FileWatcher.open(List.of(tmp.resolve("x")), FAST, batch -> {})) {
            assertThrows(IllegalStateException.class, () -> watcher.poll(Duration.ZERO));
        }
    }

    /**
     * Polls until every path in {@code expected} has been reported, and returns all that were: a
     * path reported beyond those makes the caller's assertEquals fail.
     */
    private static Set<Path> awaitChanges(FileWatcher watcher, Set<Path> expected) throws InterruptedException {
        Set<Path> seen = new LinkedHashSet<>();
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!seen.containsAll(expected)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                fail("waited " + PATIENCE + " for " + expected + "; saw " + seen);
            }
            watcher.poll(Duration.ofNanos(left)).ifPresent(b -> seen.addAll(b.paths()));
        }
        return seen;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file;
    }

    /** As vim, sops and most tools write: a temporary file in the same directory, renamed over. */
    static void renameOver(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.writeString(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** As nix switches a profile: a new link renamed over the old one. */
    private static void retarget(Path link, Path target) throws IOException {
        Path temp = link.resolveSibling("." + link.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
