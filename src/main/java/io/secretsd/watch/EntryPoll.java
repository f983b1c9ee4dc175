package io.secretsd.watch;

import io.secretsd.watch.WatchPlan.Anchor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Change detection by looking, for where the JDK's watch service polls anyway (macOS: every directory
 * entry of every watched directory, every 2 s). This looks only at the entries a file depends on (its
 * {@link WatchPlan} anchors: the file, each symlink on its way, the first missing part), so each poll costs
 * a few lstat calls per watched file however large the directories are (/nix/store). A file whose entries
 * look different becomes a candidate; its {@link Fingerprint} then decides whether it changed.
 */
final class EntryPoll {
    /** What one entry looked like: absent, or its identity, size, mtime and kind (a symlink's own). */
    private record Seen(Object fileKey, long size, long mtimeNanos, boolean link) {
        static final Seen ABSENT = new Seen(null, -1, 0, false);
    }

    private final Map<Path, List<Seen>> last = new HashMap<>();

    /**
     * The files among {@code files} whose entries changed since the last call, and those not seen before (a
     * change may have come between their fingerprint and this first look; the fingerprint says if it did).
     */
    Set<Path> changed(Collection<Path> files) {
        Set<Path> changed = new LinkedHashSet<>();
        Map<Path, List<Seen>> now = new HashMap<>();
        for (Path file : files) {
            List<Seen> seen = look(file);
            now.put(file, seen);
            List<Seen> before = last.get(file);
            if (before == null || !before.equals(seen)) {
                changed.add(file);
            }
        }
        last.clear();
        last.putAll(now);
        return changed;
    }

    private static List<Seen> look(Path file) {
        List<Seen> seen = new ArrayList<>();
        for (Anchor a : WatchPlan.of(file)) {
            seen.add(entry(a.dir().resolve(a.name())));
        }
        return seen;
    }

    private static Seen entry(Path entry) {
        try {
            BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            var t = a.lastModifiedTime().toInstant();
            return new Seen(a.fileKey(), a.size(), t.getEpochSecond() * 1_000_000_000L + t.getNano(), a.isSymbolicLink());
        } catch (IOException e) {
            return Seen.ABSENT;
        }
    }
}
