package io.secretsd.watch;

import io.secretsd.platform.Platform;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FileWatcher} batches and re-checks changes.
 *
 * @param settle quiet time after the last event before a batch is delivered, so an editor's burst of
 *     writes gives one batch
 * @param maxWait longest a batch may be held back by a continuing stream of events, counted from the
 *     first event of the batch
 * @param rescanInterval period of the full re-check that catches what inotify misses (NFS, writes
 *     through a hard link elsewhere, a directory swapped under a watch); zero disables it
 * @param mountCheckInterval period of the check of {@code /proc/self/mountinfo}: a mount gives no
 *     inotify event, so a key on a late-mounted filesystem is found by this check (a full rescan when
 *     the mount table changed); zero disables it, and it is off where that file does not exist
 * @param hashLimit files up to this size are compared by SHA-256 of their content; larger ones by
 *     size, mtime and file key only
 * @param pollInterval zero: the JDK's watch service (inotify on Linux); otherwise no watch service, and the
 *     entries each file depends on are looked at this often ({@link EntryPoll}), as on macOS, where the
 *     JDK's watch service only polls (every 2 s, listing every watched directory, sensitivity ignored)
 */
public record WatchOptions(Duration settle, Duration maxWait, Duration rescanInterval, Duration mountCheckInterval,
        long hashLimit, Duration pollInterval) {

    /**
     * Every user waits for it after each change. Editors finish a write within a millisecond or two (vim: its
     * truncate, write, fsync and close of the file 1-2 ms apart; ed and sops: a truncate and a write
     * microseconds apart; an atomic rename is one event), so 5 ms still gives them one batch; a write paused
     * for longer (a loaded machine) costs one re-activation of a torn file, which fails to decrypt and keeps
     * the previous content, and the next event re-activates the finished file.
     */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(5);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(500);
    public static final Duration DEFAULT_RESCAN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MOUNT_CHECK = Duration.ofSeconds(1);
    public static final long DEFAULT_HASH_LIMIT = 1 << 20;
    /** macOS: a change is seen within this (plus the settle delay) for a few lstat calls per file and poll. */
    public static final Duration MACOS_POLL = Duration.ofMillis(500);

    public WatchOptions {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(rescanInterval, "rescanInterval");
        Objects.requireNonNull(mountCheckInterval, "mountCheckInterval");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle delay is negative: " + settle);
        }
        if (maxWait.compareTo(settle) < 0) {
            throw new IllegalArgumentException("maxWait " + maxWait + " is shorter than settle " + settle);
        }
        if (rescanInterval.isNegative()) {
            throw new IllegalArgumentException("rescan interval is negative: " + rescanInterval);
        }
        if (mountCheckInterval.isNegative()) {
            throw new IllegalArgumentException("mount check interval is negative: " + mountCheckInterval);
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval is negative: " + pollInterval);
        }
        if (hashLimit < 0) {
            throw new IllegalArgumentException("hash limit is negative: " + hashLimit);
        }
    }

    public static WatchOptions defaults() {
        return new WatchOptions(DEFAULT_SETTLE, DEFAULT_MAX_WAIT, DEFAULT_RESCAN, DEFAULT_MOUNT_CHECK,
                DEFAULT_HASH_LIMIT, Duration.ZERO);
    }

    /** The defaults, polling entries where the JDK has no native watch service. */
    public static WatchOptions defaults(Platform platform) {
        return switch (platform) {
            case LINUX -> defaults();
            case MACOS -> defaults().withPollInterval(MACOS_POLL);
        };
    }

    public WatchOptions withPollInterval(Duration pollInterval) {
        return new WatchOptions(settle, maxWait, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }

    public WatchOptions withSettle(Duration settle) {
        Duration max = maxWait.compareTo(settle) < 0 ? settle : maxWait;
        return new WatchOptions(settle, max, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }

    public WatchOptions withMaxWait(Duration maxWait) {
        return new WatchOptions(settle, maxWait, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }

    public WatchOptions withRescanInterval(Duration rescanInterval) {
        return new WatchOptions(settle, maxWait, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }

    public WatchOptions withMountCheckInterval(Duration mountCheckInterval) {
        return new WatchOptions(settle, maxWait, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }

    public WatchOptions withHashLimit(long hashLimit) {
        return new WatchOptions(settle, maxWait, rescanInterval, mountCheckInterval, hashLimit, pollInterval);
    }
}
