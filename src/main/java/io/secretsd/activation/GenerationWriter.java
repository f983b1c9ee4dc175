package io.secretsd.activation;

import io.secretsd.activation.Outcome.Change;
import io.secretsd.activation.Outcome.Status;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a new generation directory from a {@link Plan}. A file identical (bytes, owner, mode) to the previous
 * generation's is hard-linked rather than rewritten; a file that cannot be installed keeps the previous
 * generation's file (hard-linked, so the previous generation itself is never touched) or is left absent.
 * With {@code dir == null} nothing is written and the outcomes say what would happen (dry run).
 */
final class GenerationWriter {
    private final Path dir;
    private final Optional<Path> previous;
    private final int keysGid;
    private final boolean chown;

    /** Directories made in this generation, so that each is checked once, not once per file in it. */
    private final Set<String> made = new HashSet<>();
    /**
     * Null for an empty directory; for a {@link SpareGeneration} taken, the entries of {@code previous} it
     * lacks: it holds every other one, as the same inode as {@code previous}.
     */
    private final Set<String> lacks;

    GenerationWriter(Path dir, Optional<Path> previous, int keysGid, boolean chown) {
        this.dir = dir;
        this.previous = previous;
        this.keysGid = keysGid;
        this.chown = chown;
        this.lacks = null;
    }

    /** Fills a spare that mirrors {@code previous} but for what it lacks, instead of an empty directory. */
    GenerationWriter(SpareGeneration.Taken spare, Path previous, int keysGid, boolean chown) {
        this.dir = spare.dir();
        this.previous = Optional.of(previous);
        this.keysGid = keysGid;
        this.chown = chown;
        this.lacks = spare.lacks();
        spare.dirs().stream().filter(d -> !d.isEmpty()).forEach(made::add);
    }

    List<Outcome> write(Plan plan) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            out.add(write(f));
        }
        return out;
    }

    private Outcome write(PlannedFile f) throws IOException {
        boolean inSpare = lacks != null && !lacks.contains(f.relPath());
        if (f.content() instanceof Content.Carried c) {
            if (inSpare) {
                return outcome(f, Status.UNCHANGED, Change.NONE, c.uid(), c.gid(), null); // already the same file
            }
            return carry(f, c);
        }
        if (inSpare) {
            Files.deleteIfExists(dir.resolve(f.relPath())); // the previous content, replaced below
        }
        Optional<SecureFiles.Existing> old = Optional.empty();
        Path oldPath = null;
        if (previous.isPresent()) {
            oldPath = previous.get().resolve(f.relPath());
            old = SecureFiles.readRegular(oldPath);
        }
        Path target = dir == null ? null : dir.resolve(f.relPath());
        String cause;
        try {
            if (target != null) {
                parents(f.relPath());
            }
            if (f.content() instanceof Content.Ready r) {
                Change change = old.isEmpty() ? Change.ADDED
                        : Arrays.equals(old.get().bytes(), r.bytes()) ? Change.NONE : Change.MODIFIED;
                if (old.isPresent() && same(old.get(), r, f.entry().mode()) && link(target, oldPath)) {
                    return outcome(f, Status.UNCHANGED, change, r.uid(), r.gid(), null);
                }
                try {
                    if (target != null) {
                        SecureFiles.writeNew(target, r.bytes(), f.entry().mode(), r.uid(), r.gid(), chown);
                    }
                    return outcome(f, Status.INSTALLED, change, r.uid(), r.gid(), null);
                } catch (IOException e) {
                    cause = f.relPath() + ": cannot write: " + io.secretsd.errors.Errors.reason(e);
                }
            } else {
                cause = ((Content.Failed) f.content()).cause();
            }
        } catch (IOException e) {
            cause = f.relPath() + ": cannot create its directory: " + io.secretsd.errors.Errors.reason(e);
        } finally {
            old.ifPresent(o -> Arrays.fill(o.bytes(), (byte) 0));
        }
        if (old.isPresent() && keep(target, oldPath)) {
            return outcome(f, Status.KEPT_PREVIOUS, Change.NONE, old.get().uid(), old.get().gid(), cause);
        }
        return outcome(f, Status.ABSENT, Change.NONE, 0, 0, cause);
    }

    /** The previous generation's file linked as it is, its plaintext never read. */
    private Outcome carry(PlannedFile f, Content.Carried c) {
        Path oldPath = previous.orElseThrow().resolve(f.relPath());
        Path target = dir == null ? null : dir.resolve(f.relPath());
        String cause;
        try {
            if (target != null) {
                parents(f.relPath());
                Files.createLink(target, oldPath);
            }
            return outcome(f, Status.UNCHANGED, Change.NONE, c.uid(), c.gid(), null);
        } catch (IOException e) {
            cause = Scope.CARRY_FAILED + f.relPath() + " over from the previous generation: " + e;
        }
        return outcome(f, Status.ABSENT, Change.NONE, 0, 0, cause);
    }

    private boolean same(SecureFiles.Existing old, Content.Ready r, int mode) {
        return Arrays.equals(old.bytes(), r.bytes()) && old.mode() == mode
                && (!chown || old.uid() == r.uid() && old.gid() == r.gid());
    }

    /** Hard link from the previous generation; false when that is impossible (so the caller writes anew). */
    private static boolean link(Path target, Path oldPath) {
        if (target == null) {
            return true;
        }
        try {
            Files.createLink(target, oldPath);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean keep(Path target, Path oldPath) {
        return link(target, oldPath);
    }

    /** Creates the missing directories of {@code rel} inside the generation: 0751, root:keys. */
    private void parents(String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash < 0 || made.contains(rel.substring(0, slash))) {
            return;
        }
        String[] parts = rel.split("/");
        Path p = dir;
        StringBuilder sofar = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            sofar.append(i == 0 ? "" : "/").append(parts[i]);
            if (made.add(sofar.toString())) {
                try {
                    SecureFiles.createDirectory(p, 0751, 0, keysGid, chown);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p, SecureFiles.NOFOLLOW)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Outcome outcome(PlannedFile f, Status s, Change c, int uid, int gid, String cause) {
        return new Outcome(f.name(), f.isTemplate(), f.relPath(), s, c, uid, gid, Optional.ofNullable(cause));
    }
}
