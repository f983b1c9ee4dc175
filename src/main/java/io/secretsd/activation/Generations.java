package io.secretsd.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The numbered generation directories under the mount point. A generation is built under a hidden name no
 * other run can pick ({@code .gen-<n>.<random>}) and renamed to {@code <n>} only when complete, so a numbered
 * directory is always whole; a crash leaves only a hidden directory, removed by the next run. Only the holder
 * of the {@link MountLock} uses this class, so whatever is not current belongs to no running writer.
 */
final class Generations {
    private static final String BUILDING = ".gen-";
    private static final String LINKS = ".links-";

    private final Path mountPoint;
    private final Path symlinkPath;

    Generations(Path mountPoint, Path symlinkPath) {
        this.mountPoint = mountPoint;
        this.symlinkPath = symlinkPath;
    }

    /** The generation {@code symlinkPath} points at, when it points into the mount point. */
    OptionalInt current() {
        try {
            if (!Files.isSymbolicLink(symlinkPath)) {
                return OptionalInt.empty();
            }
            Path target = Files.readSymbolicLink(symlinkPath);
            if (!target.startsWith(mountPoint) || target.getNameCount() != mountPoint.getNameCount() + 1) {
                return OptionalInt.empty();
            }
            return number(target.getFileName().toString());
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The directory of generation n. */
    Path dir(int n) {
        return mountPoint.resolve(Integer.toString(n));
    }

    /** A fresh hidden name to build generation n under. */
    Path building(int n) {
        return mountPoint.resolve(BUILDING + n + "." + SecureFiles.randomSuffix());
    }

    /**
     * One more than both the current generation and any numbered directory present, so that nothing existing
     * is overwritten (sops-install-secrets would remove a leftover {@code <current+1>}).
     */
    int next() throws IOException {
        int max = current().orElse(0);
        for (int n : numbered()) {
            max = Math.max(max, n);
        }
        if (max == Integer.MAX_VALUE) {
            throw new IOException("generation numbers exhausted in " + mountPoint);
        }
        return max + 1;
    }

    /** Numbered real directories (a symlink with a number for a name is not a generation). */
    List<Integer> numbered() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(mountPoint)) {
            for (Path p : ds) {
                OptionalInt n = number(p.getFileName().toString());
                if (n.isPresent() && Files.isDirectory(p, SecureFiles.NOFOLLOW)) {
                    out.add(n.getAsInt());
                }
            }
        }
        return out;
    }

    /** Removes half-built generations left by a crash, and spares of another daemon ({@link SpareGeneration}). */
    void removeLeftovers(java.util.function.Predicate<Path> ours) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(mountPoint, BUILDING + "*")) {
            for (Path p : ds) {
                if (!ours.test(p)) {
                    SecureFiles.deleteTree(p);
                }
            }
        }
    }

    /**
     * Before a new generation {@code next} is written: deletes what pruning would delete once it is current
     * (n ≤ next − keep), generations above the current one (renamed but never switched to: a run died) and
     * links files without their generation; never the current one. On a full file system this frees the room
     * the new generation needs, so a failed run cannot pile generations up. keep 0 keeps everything.
     */
    List<Integer> pruneBeforeWriting(int next, int keep) throws IOException {
        List<Integer> removed = new ArrayList<>();
        if (keep <= 0) {
            return removed;
        }
        OptionalInt current = current();
        List<Integer> present = numbered();
        for (int n : present) {
            boolean isCurrent = current.isPresent() && n == current.getAsInt();
            boolean stale = (long) n <= (long) next - keep || current.isPresent() && n > current.getAsInt();
            if (!isCurrent && stale) {
                discard(n);
                removed.add(n);
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(mountPoint, LINKS + "*")) {
            for (Path p : ds) {
                OptionalInt n = number(p.getFileName().toString().substring(LINKS.length()));
                if (n.isPresent() && !present.contains(n.getAsInt())) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return removed;
    }

    /** Removes generation n and its links file. */
    void discard(int n) throws IOException {
        SecureFiles.deleteTree(dir(n));
        discardLinks(n);
    }

    void discardLinks(int n) throws IOException {
        Files.deleteIfExists(links(n));
    }

    /**
     * What generation n lacks of the files the outcomes say it holds (a regular file for each entry installed,
     * unchanged or kept): a generation is switched to only when this is empty. An entry carried over from the
     * previous generation is not looked at again: its link was made a moment ago, under the lock, into a
     * directory nobody else writes, and its outcome says so only when link(2) succeeded; a change re-activates
     * a few entries and carries a thousand, so this saves a stat per carried entry on every change.
     */
    List<String> missing(int n, List<Outcome> outcomes, Plan plan) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.status() != Outcome.Status.ABSENT && !(plan.files().get(i).content() instanceof Content.Carried)
                    && !Files.isRegularFile(dir(n).resolve(o.relPath()), SecureFiles.NOFOLLOW)) {
                out.add(o.relPath());
            }
        }
        return out;
    }

    /** Deletes generations n ≤ current − keep (never current); keep 0 keeps everything. */
    List<Integer> prune(int current, int keep) throws IOException {
        List<Integer> removed = new ArrayList<>();
        if (keep <= 0) {
            return removed;
        }
        for (int n : numbered()) {
            if (n != current && (long) n <= (long) current - keep) {
                discard(n);
                removed.add(n);
            }
        }
        return removed;
    }

    private Path links(int n) {
        return mountPoint.resolve(LINKS + n);
    }

    /** The {@code path} links generation n placed, to remove those a later generation no longer wants. */
    void saveLinks(int n, List<Path> links) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : links) {
            b.append(p).append('\0');
        }
        Path f = links(n);
        Files.deleteIfExists(f);
        SecureFiles.writeNew(f, b.toString().getBytes(StandardCharsets.UTF_8), 0600, 0, 0, false);
    }

    List<Path> loadLinks(int n) {
        try {
            Path f = links(n);
            if (!Files.isRegularFile(f, SecureFiles.NOFOLLOW)) {
                return List.of();
            }
            String s = Files.readString(f, StandardCharsets.UTF_8);
            return Arrays.stream(s.split("\0")).filter(x -> !x.isEmpty()).map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static OptionalInt number(String name) {
        if (name.isEmpty() || name.length() > 9 || name.length() > 1 && name.charAt(0) == '0' || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(name));
    }

}
