package io.secretsd.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The daemon's previous generation, kept after the switch to build the next one in. A change re-activates a few
 * entries and carries a thousand: building a new directory costs a link per carried entry and pruning the old one
 * an unlink per entry, on every change. Instead the generation the current one was built from is renamed to a
 * hidden {@code .gen-spare-*} name, the entries it holds with other content than the current generation are
 * unlinked (so it keeps no plaintext the current generation does not hold), and the next change fills in only
 * what it lacks or what changes. Its other entries are the current generation's own inodes (hard links).
 *
 * <p>Owned by one daemon and used on its activation thread under the mount lock. It is used only when the
 * generation it mirrors is still current and its directories are as it left them (same inode, mtime, ctime and
 * link count): a directory entry added, removed or renamed changes them, and the spare is then deleted and the
 * generation built anew. Any other activation removes it as a half-built leftover ({@code .gen-*}).
 */
public final class SpareGeneration {
    private Path dir;
    private int mirrors;
    private Set<String> lacks = Set.of();
    private Map<String, Stamp> stamps = Map.of();

    /** What an incremental activation that just switched leaves for {@link Activation#prune} to recycle. */
    private Path previous;
    private int previousOf;
    private Set<String> differs = Set.of();
    private Set<String> dirs = Set.of();

    private record Stamp(Object key, long mtime, long ctime, int nlink) {
    }

    /** The spare's directory, when there is one: an activation must not remove it as a leftover. */
    boolean isSpare(Path p) {
        return dir != null && dir.equals(p);
    }

    /**
     * The spare to build generation {@code current + 1} in, or null (then there is none left: a spare that does
     * not fit is deleted). Taking it clears it: it becomes the new generation, or is deleted with it on failure.
     */
    Taken take(Path mountPoint, int current) {
        Path d = dir;
        if (d == null) {
            return null;
        }
        boolean fits = mirrors == current && d.getParent().equals(mountPoint) && intact(d);
        Taken t = fits ? new Taken(d, lacks, stamps.keySet()) : null;
        clear();
        if (!fits) {
            try {
                SecureFiles.deleteTree(d);
            } catch (IOException e) {
                // removed as a leftover by the next activation
            }
        }
        return t;
    }

    /** A spare taken: its directory, the entries it lacks, and its directories (relative; "" the top). */
    record Taken(Path dir, Set<String> lacks, Set<String> dirs) {
    }

    /**
     * Notes, after generation {@code n} was switched to, that it was built from {@code previous} and differs from
     * it only at {@code differs} (entries written anew or absent), and that its entries lie in {@code dirs}
     * (relative, "" the top): {@link #recycle} may make a spare of it.
     */
    void built(Path previous, int n, Set<String> differs, Set<String> dirs) {
        this.dirs = Set.copyOf(dirs);
        this.previous = previous;
        this.previousOf = n;
        this.differs = Set.copyOf(differs);
    }

    /** Forgets what {@link #built} noted: the last activation was not one whose predecessor can be recycled. */
    void forgetBuilt() {
        previous = null;
        differs = Set.of();
        dirs = Set.of();
    }

    /**
     * Turns the generation noted by {@link #built} into the spare, if {@code current} is still the generation
     * built from it; returns whether it did. The caller holds the lock and prunes whatever is left afterwards.
     */
    boolean recycle(Generations gens, int current) throws IOException {
        Path p = previous;
        int of = previousOf;
        Set<String> unlink = differs;
        Set<String> inside = dirs;
        forgetBuilt();
        if (p == null || of != current || !Files.isDirectory(p, SecureFiles.NOFOLLOW)) {
            return false;
        }
        OptionalInt n = Generations.number(p.getFileName().toString());
        Path spare = p.resolveSibling(".gen-spare-" + SecureFiles.randomSuffix());
        Files.move(p, spare, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (n.isPresent()) {
            gens.discardLinks(n.getAsInt());
        }
        try {
            for (String rel : unlink) {
                SecureFiles.deleteTree(spare.resolve(rel));
            }
            // the directories its entries lie in (a directory planted among them changes its parent's stamp)
            Map<String, Stamp> s = new HashMap<>();
            for (String d : inside) {
                s.put(d, stamp(d.isEmpty() ? spare : spare.resolve(d)));
            }
            clear();
            dir = spare;
            mirrors = current;
            lacks = unlink;
            stamps = s;
            return true;
        } catch (IOException | RuntimeException e) {
            SecureFiles.deleteTree(spare);
            throw e;
        }
    }

    private void clear() {
        dir = null;
        lacks = Set.of();
        stamps = Map.of();
    }

    /** One lstat: what adding, removing or renaming an entry in the directory changes. */
    private static Stamp stamp(Path d) throws IOException {
        Map<String, Object> a = Files.readAttributes(d, "unix:isDirectory,fileKey,lastModifiedTime,ctime,nlink",
                SecureFiles.NOFOLLOW);
        if (!(Boolean) a.get("isDirectory")) {
            throw new IOException(d + " is not a directory");
        }
        return new Stamp(a.get("fileKey"), nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")),
                (Integer) a.get("nlink"));
    }

    private static long nanos(FileTime t) {
        return t.toInstant().getEpochSecond() * 1_000_000_000L + t.toInstant().getNano();
    }

    private boolean intact(Path d) {
        try {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, Stamp> e : stamps.entrySet()) {
                Path p = e.getKey().isEmpty() ? d : d.resolve(e.getKey());
                if (!Objects.equals(stamp(p), e.getValue())) {
                    return false;
                }
                seen.add(e.getKey());
            }
            return !seen.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
