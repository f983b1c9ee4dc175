package io.secretsd.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a complete generation current: {@code symlinkPath} renamed onto it, the {@code path} links placed,
 * the links an earlier generation placed and this one no longer wants removed.
 */
final class Switch {
    private final Path symlinkPath;
    private final boolean chown;

    Switch(Path symlinkPath, boolean chown) {
        this.symlinkPath = symlinkPath;
        this.chown = chown;
    }

    /** Atomically points symlinkPath at the generation; a real directory there (not a link) is removed first. */
    void activate(Path generation) throws IOException {
        SecureFiles.createDirectories(symlinkPath.getParent(), 0755);
        if (Files.isDirectory(symlinkPath, SecureFiles.NOFOLLOW)) {
            SecureFiles.deleteTree(symlinkPath);
        }
        SecureFiles.placeSymlink(symlinkPath, generation, 0, 0, false);
    }

    /** A link the manifest asks for, owned like its file. */
    record Link(String name, Path path, Path target, int uid, int gid) {
    }

    /** The links wanted: each entry whose {@code path} is not {@code <symlinkPath>/<relPath>}. */
    List<Link> wanted(List<Outcome> outcomes, Plan plan) {
        List<Link> out = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Path target = symlinkPath.resolve(o.relPath());
            Path path = Path.of(plan.files().get(i).entry().path());
            if (!path.normalize().equals(target.normalize())) {
                out.add(new Link(o.name(), path, target, o.uid(), o.gid()));
            }
        }
        return out;
    }

    /**
     * Places each link; returns one error line per link that could not be placed. As root (chown), the
     * link's directory is reached through {@link SafeDirectory}: a link a user planted on the way is refused.
     * A regular file already at a link's path is replaced, as sops-install-secrets does, with a warning naming
     * it in {@code warnings}.
     */
    List<String> place(List<Link> links, List<String> warnings) {
        List<String> errors = new ArrayList<>();
        for (Link l : links) {
            try {
                if (SecureFiles.isSymlinkTo(l.path(), l.target(), l.uid(), l.gid(), chown)) {
                    continue;
                }
                if (Files.isRegularFile(l.path(), SecureFiles.NOFOLLOW)) {
                    warnings.add(replacing(l, false));
                }
                if (chown) {
                    try (SafeDirectory d = SafeDirectory.open(l.path().getParent(), true)) {
                        d.placeSymlink(l.path().getFileName().toString(), l.target(), l.uid(), l.gid(), true);
                    }
                } else {
                    SecureFiles.createDirectories(l.path().getParent(), 0755);
                    SecureFiles.placeSymlink(l.path(), l.target(), l.uid(), l.gid(), false);
                }
            } catch (IOException e) {
                errors.add(l.path() + ": cannot place the link for " + l.name() + ": " + io.secretsd.errors.Errors.reason(e, l.path()));
            }
        }
        return errors;
    }

    /** The warning for a regular file at a link's path, or null when there is none. */
    static String replacedFile(Link l, boolean dry) {
        return Files.isRegularFile(l.path(), SecureFiles.NOFOLLOW) ? replacing(l, dry) : null;
    }

    private static String replacing(Link l, boolean dry) {
        return l.path() + ": " + (dry ? "would replace" : "replacing") + " this regular file with a link to "
                + l.target() + " (secret " + l.name() + "); its former content is not kept";
    }

    /**
     * Removes links placed by an earlier generation that this one no longer wants, but only while they are
     * still the symlinks into {@code symlinkPath} we made (a file someone put there instead is left alone).
     */
    List<Path> removeStale(List<Path> before, List<Link> now) {
        Set<Path> keep = new HashSet<>();
        now.forEach(l -> keep.add(l.path()));
        List<Path> removed = new ArrayList<>();
        for (Path p : before) {
            if (keep.contains(p)) {
                continue;
            }
            try {
                if (chown) {
                    String name = p.getFileName().toString();
                    try (SafeDirectory d = SafeDirectory.open(p.getParent(), false)) {
                        if (d.isSymlink(name) && Files.readSymbolicLink(d.path().resolve(name)).startsWith(symlinkPath)) {
                            d.delete(name);
                            removed.add(p);
                        }
                    }
                } else if (Files.isSymbolicLink(p) && Files.readSymbolicLink(p).startsWith(symlinkPath)) {
                    Files.delete(p);
                    removed.add(p);
                }
            } catch (IOException e) {
                // already gone or replaced: nothing of ours to remove
            }
        }
        return removed;
    }
}
