package io.secretsd.watch;

import io.secretsd.watch.WatchPlan.Anchor;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a set of files for content changes and delivers them in settled batches.
 *
 * <p>Files are watched through their directories (a {@link WatchService} on each directory that holds
 * a watched entry), so rename-over writes, delete and re-create, files and directories that appear
 * later and retargeted symlinks are all seen; see {@link WatchPlan}. An event only makes a file a
 * candidate: when events have been quiet for the settle delay, each candidate's {@link Fingerprint} is
 * compared with the one last reported, and only real differences are delivered, as one
 * {@link ChangeBatch}. An overflow, and a periodic rescan, make every file a candidate. With a poll interval
 * (macOS) no directory is registered: {@link EntryPoll} finds the candidates instead.
 *
 * <p>One platform thread per watcher runs the loop and calls the listener; {@link #close()} stops it
 * and the JDK's watch service thread. Without a listener, batches queue for {@link #poll(Duration)}.
 */
public final class FileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private final WatchOptions options;
    private final WatchService service;
    private final Consumer<ChangeBatch> listener;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<ChangeBatch> queue;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private final Map<Path, Fingerprint> reported = new LinkedHashMap<>();
    private final Map<Path, Set<Anchor>> plans = new HashMap<>();
    private final Map<Path, DirWatch> dirs = new HashMap<>();
    private final Map<WatchKey, DirWatch> byKey = new HashMap<>();
    private final Set<Path> candidates = new LinkedHashSet<>();
    private long settleAt;
    private long deadlineAt;
    private long rescanAt;
    private long mountsAt;
    private long pollAt = Long.MAX_VALUE;
    private final EntryPoll entryPoll;
    private byte[] mounts;
    private volatile boolean closed;

    /** A registered directory and, for each of its entry names, the watched files that depend on it. */
    private static final class DirWatch {
        final Path dir;
        final WatchKey key;
        final Object fileKey;
        final Map<String, Set<Path>> files = new HashMap<>();

        DirWatch(Path dir, WatchKey key, Object fileKey) {
            this.dir = dir;
            this.key = key;
            this.fileKey = fileKey;
        }
    }

    private FileWatcher(WatchOptions options, Consumer<ChangeBatch> listener, Consumer<Throwable> onFailure) throws IOException {
        this.onFailure = onFailure;
        this.options = Objects.requireNonNull(options, "options");
        FileSystem fs = FileSystems.getDefault();
        this.service = fs.newWatchService();
        this.queue = listener == null ? new LinkedBlockingQueue<>() : null;
        this.listener = listener == null ? queue::add : listener;
        this.thread = Thread.ofPlatform().name("secretsd-watch").daemon().unstarted(this::loop);
        this.entryPoll = options.pollInterval().isZero() ? null : new EntryPoll();
    }

    /** Starts watching {@code files}; batches are taken with {@link #poll(Duration)}. */
    public static FileWatcher open(Collection<Path> files, WatchOptions options) throws IOException {
        return start(new FileWatcher(options, null, e -> {}), files);
    }

    /**
     * Starts watching {@code files}; {@code listener} receives each batch on the watcher's thread, one
     * at a time (events that arrive meanwhile are batched for the next call).
     */
    public static FileWatcher open(Collection<Path> files, WatchOptions options, Consumer<ChangeBatch> listener)
            throws IOException {
        return open(files, options, listener, e -> {});
    }

    /**
     * As {@link #open(Collection, WatchOptions, Consumer)}; {@code onFailure} hears (on the watcher's
     * thread, once) that the watcher stopped for good, e.g. on {@code OutOfMemoryError}: from then on
     * no change is seen, so its owner must not go on as if it were.
     */
    public static FileWatcher open(Collection<Path> files, WatchOptions options, Consumer<ChangeBatch> listener,
                                   Consumer<Throwable> onFailure) throws IOException {
        return start(new FileWatcher(options, Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(onFailure, "onFailure")), files);
    }

    private static FileWatcher start(FileWatcher watcher, Collection<Path> files) throws IOException {
        // Before the watches: a mount between the two is then seen as a change of the table.
        byte[] mounts = watcher.options.mountCheckInterval().isZero() ? null : readMounts();
        try {
            watcher.setFiles(files);
        } catch (RuntimeException e) {
            watcher.close();
            throw e;
        }
        watcher.lock.lock();
        try {
            long now = System.nanoTime();
            watcher.rescanAt = watcher.rescanDue(now);
            watcher.pollAt = watcher.entryPoll == null ? Long.MAX_VALUE : now; // the first poll takes the state
            watcher.mounts = mounts;
            watcher.mountsAt = watcher.mounts == null ? Long.MAX_VALUE : watcher.mountCheckDue(now);
        } finally {
            watcher.lock.unlock();
        }
        watcher.thread.start();
        return watcher;
    }

    /**
     * Replaces the watched set (e.g. after a new manifest). Files already watched keep their last
     * reported state; new ones are taken as they are now, so only later changes to them are reported.
     */
    public void setFiles(Collection<Path> files) {
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path file : files) {
            wanted.add(normalize(file));
        }
        lock.lock();
        try {
            checkOpen();
            for (Path old : List.copyOf(reported.keySet())) {
                if (!wanted.contains(old)) {
                    reported.remove(old);
                    candidates.remove(old);
                    replan(old, Set.of());
                }
            }
            for (Path file : wanted) {
                if (!reported.containsKey(file)) {
                    // Watch first, then take the state, so that no change falls between the two.
                    replan(file);
                    reported.put(file, Fingerprint.of(file, options.hashLimit()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The watched files, absolute and normalized. */
    public Set<Path> files() {
        lock.lock();
        try {
            return Set.copyOf(reported.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch, waiting at most {@code timeout}; empty on timeout or once closed.
     *
     * @throws IllegalStateException if this watcher delivers to a listener instead
     */
    public Optional<ChangeBatch> poll(Duration timeout) throws InterruptedException {
        if (queue == null) {
            throw new IllegalStateException("this watcher delivers its batches to a listener");
        }
        long waitNanos = timeout.toNanos();
        long end = System.nanoTime() + waitNanos;
        // Wake up now and then, so that a close() while waiting ends the wait.
        while (true) {
            ChangeBatch batch = queue.poll(Math.min(Math.max(waitNanos, 0), 50_000_000L), TimeUnit.NANOSECONDS);
            if (batch != null) {
                return Optional.of(batch);
            }
            waitNanos = end - System.nanoTime();
            if (closed || waitNanos <= 0) {
                return Optional.empty();
            }
        }
    }

    /** Stops the thread and releases the watches; waits for a listener call in progress to end. */
    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("closing the watch service failed: {}", e.toString());
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try {
            while (!closed) {
                WatchKey key = service.poll(waitNanos(), TimeUnit.NANOSECONDS);
                ChangeBatch batch;
                lock.lock();
                try {
                    while (key != null) {
                        handle(key);
                        key = service.poll();
                    }
                    batch = due(System.nanoTime());
                } finally {
                    lock.unlock();
                }
                if (batch != null && !closed) {
                    deliver(batch);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() ended the loop.
        } catch (RuntimeException | Error e) {
            if (!closed) {
                LOG.error("file watcher stopped: {}", e.toString());
                onFailure.accept(e);
            }
        }
    }

    private long waitNanos() {
        lock.lock();
        try {
            long now = System.nanoTime();
            long until = Long.MAX_VALUE;
            if (!candidates.isEmpty()) {
                until = Math.min(settleAt, deadlineAt) - now;
            }
            if (rescanAt != Long.MAX_VALUE) {
                until = Math.min(until, rescanAt - now);
            }
            if (mountsAt != Long.MAX_VALUE) {
                until = Math.min(until, mountsAt - now);
            }
            if (pollAt != Long.MAX_VALUE) {
                until = Math.min(until, pollAt - now);
            }
            return until == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(1) : Math.max(until, 0);
        } finally {
            lock.unlock();
        }
    }

    private void deliver(ChangeBatch batch) {
        try {
            listener.accept(batch);
        } catch (RuntimeException e) {
            LOG.error("change listener failed on {} changed files: {}", batch.paths().size(), e.toString());
        }
    }

    private void handle(WatchKey key) {
        DirWatch watch = byKey.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        if (watch == null) {
            key.cancel(); // a key dropped while its events were queued
            return;
        }
        long now = System.nanoTime();
        for (WatchEvent<?> event : events) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                LOG.debug("watch events overflowed in {}: rescanning every file", watch.dir);
                markAll(now);
                continue;
            }
            Set<Path> files = watch.files.get(event.context().toString());
            if (files != null) {
                for (Path file : List.copyOf(files)) {
                    mark(file, now);
                }
            }
        }
        if (!key.reset()) {
            // The directory went away (deleted, unmounted): drop it, and re-plan whatever relied on it.
            dropDir(watch);
            Set<Path> affected = new HashSet<>();
            watch.files.values().forEach(affected::addAll);
            for (Path file : affected) {
                mark(file, now);
            }
        }
    }

    private ChangeBatch due(long now) {
        if (rescanAt != Long.MAX_VALUE && now - rescanAt >= 0) {
            dropStaleDirs();
            markAll(now);
            rescanAt = rescanDue(now);
        }
        if (mountsAt != Long.MAX_VALUE && now - mountsAt >= 0) {
            byte[] current = readMounts();
            if (current == null) {
                mountsAt = Long.MAX_VALUE;
            } else {
                if (!Arrays.equals(current, mounts)) {
                    LOG.debug("the mount table changed: rescanning every file");
                    mounts = current;
                    dropStaleDirs();
                    markAll(now);
                }
                mountsAt = mountCheckDue(now);
            }
        }
        if (pollAt != Long.MAX_VALUE && now - pollAt >= 0) {
            for (Path file : entryPoll.changed(reported.keySet())) {
                mark(file, now);
            }
            pollAt = now + options.pollInterval().toNanos();
        }
        if (candidates.isEmpty() || (now - settleAt < 0 && now - deadlineAt < 0)) {
            return null;
        }
        Set<Path> changed = new LinkedHashSet<>();
        for (Path file : candidates) {
            Fingerprint current = Fingerprint.of(file, options.hashLimit());
            if (!current.equals(reported.put(file, current))) {
                changed.add(file);
            }
        }
        candidates.clear();
        return changed.isEmpty() ? null : new ChangeBatch(changed);
    }

    private long rescanDue(long now) {
        long interval = options.rescanInterval().toNanos();
        return interval == 0 ? Long.MAX_VALUE : now + interval;
    }

    private long mountCheckDue(long now) {
        long interval = options.mountCheckInterval().toNanos();
        return interval == 0 ? Long.MAX_VALUE : now + interval;
    }

    /** The mount table, or null where there is none to read (not Linux). */
    private static byte[] readMounts() {
        try {
            return Files.readAllBytes(MOUNTINFO);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void mark(Path file, long now) {
        if (!reported.containsKey(file)) {
            return;
        }
        replan(file);
        if (candidates.isEmpty()) {
            deadlineAt = now + options.maxWait().toNanos();
        }
        candidates.add(file);
        settleAt = now + options.settle().toNanos();
    }

    private void markAll(long now) {
        for (Path file : List.copyOf(reported.keySet())) {
            mark(file, now);
        }
    }

    /**
     * Re-plans until the plan is stable: registering a new directory may race with the creation of
     * the next one inside it, whose event would then be lost.
     */
    private void replan(Path file) {
        if (entryPoll != null) {
            return; // nothing registered: the entry poll looks at the plan itself
        }
        for (int i = 0; i < 64; i++) {
            Set<Anchor> plan = WatchPlan.of(file);
            if (plan.equals(plans.get(file)) && registered(plan)) {
                return;
            }
            replan(file, plan);
        }
    }

    private boolean registered(Set<Anchor> plan) {
        for (Anchor anchor : plan) {
            if (!dirs.containsKey(anchor.dir())) {
                return false;
            }
        }
        return true;
    }

    private void replan(Path file, Set<Anchor> plan) {
        Set<Anchor> old = plans.getOrDefault(file, Set.of());
        for (Anchor anchor : old) {
            if (!plan.contains(anchor)) {
                DirWatch watch = dirs.get(anchor.dir());
                if (watch != null) {
                    Set<Path> files = watch.files.get(anchor.name());
                    if (files != null && files.remove(file) && files.isEmpty()) {
                        watch.files.remove(anchor.name());
                    }
                    if (watch.files.isEmpty()) {
                        dropDir(watch);
                    }
                }
            }
        }
        if (plan.isEmpty()) {
            plans.remove(file);
            return;
        }
        plans.put(file, plan);
        for (Anchor anchor : plan) {
            DirWatch watch = dirs.get(anchor.dir());
            if (watch == null) {
                watch = register(anchor.dir());
                if (watch == null) {
                    continue; // the periodic rescan covers it, and retries
                }
            }
            watch.files.computeIfAbsent(anchor.name(), n -> new LinkedHashSet<>()).add(file);
        }
    }

    private DirWatch register(Path dir) {
        try {
            Object fileKey = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            DirWatch existing = byKey.get(key);
            if (existing != null) {
                // The same directory under another name (a bind mount or a path through a link).
                dirs.put(dir, existing);
                return existing;
            }
            DirWatch watch = new DirWatch(dir, key, fileKey);
            dirs.put(dir, watch);
            byKey.put(key, watch);
            return watch;
        } catch (ClosedWatchServiceException e) {
            throw e;
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}); relying on the periodic rescan", dir, e.toString());
            return null;
        }
    }

    private void dropDir(DirWatch watch) {
        dirs.values().removeIf(w -> w == watch);
        byKey.remove(watch.key);
        // The plans that used it stay: the next replan of each finds the directory unregistered.
        watch.key.cancel();
    }

    /** Drops watches on directories that were replaced (renamed over, remounted) under their path. */
    private void dropStaleDirs() {
        for (DirWatch watch : List.copyOf(new HashSet<>(dirs.values()))) {
            Object now;
            try {
                now = Files.readAttributes(watch.dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
            } catch (IOException e) {
                now = null;
            }
            if (now == null || !now.equals(watch.fileKey)) {
                dropDir(watch);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("file watcher is closed");
        }
    }

    private static Path normalize(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
