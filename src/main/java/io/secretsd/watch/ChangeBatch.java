package io.secretsd.watch;

import java.nio.file.Path;
import java.util.Set;

/**
 * Watched files whose content (or link target, or existence) differs from what the previous batch
 * reported. Paths are absolute and normalized, as {@link FileWatcher#files()} lists them.
 */
public record ChangeBatch(Set<Path> paths) {
    public ChangeBatch {
        paths = Set.copyOf(paths);
    }
}
