package io.secretsd.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which directory entries must be watched to see every change to one file: the file's own entry in
 * its (resolved) parent, the entry of every symlink on the way (so a retargeted link is seen), and,
 * while part of the path is missing, the first missing entry in its nearest existing ancestor (so a
 * directory created or mounted later is seen, and the watch moves down as it appears).
 */
final class WatchPlan {

    /** Watch {@code dir} for events on its entry {@code name}. */
    record Anchor(Path dir, String name) {}

    private static final int MAX_LINKS = 40; // as Linux's MAXSYMLINKS

    private WatchPlan() {}

    static Set<Anchor> of(Path file) {
        Set<Anchor> anchors = new LinkedHashSet<>();
        walk(file.toAbsolutePath().normalize(), anchors, 0);
        return anchors;
    }

    private static void walk(Path path, Set<Anchor> anchors, int links) {
        if (links > MAX_LINKS || path.getNameCount() == 0) {
            return;
        }
        Path current = path.getRoot();
        int count = path.getNameCount();
        for (int i = 0; i < count; i++) {
            String name = path.getName(i).toString();
            Path next = current.resolve(name);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                anchors.add(new Anchor(current, name));
                return;
            }
            if (Files.isSymbolicLink(next)) {
                anchors.add(new Anchor(current, name));
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException e) {
                    return; // replaced between the two calls: the event on this anchor re-plans
                }
                Path resolved = current.resolve(target);
                if (i + 1 < count) {
                    resolved = resolved.resolve(path.subpath(i + 1, count));
                }
                walk(resolved.normalize(), anchors, links + 1);
                return;
            }
            if (i + 1 < count && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                // A file where a directory should be: it may be replaced by a directory later.
                anchors.add(new Anchor(current, name));
                return;
            }
            current = next;
        }
        anchors.add(new Anchor(current.getParent(), current.getFileName().toString()));
    }
}
