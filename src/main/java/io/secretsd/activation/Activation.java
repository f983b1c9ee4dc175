package io.secretsd.activation;

import io.secretsd.errors.Errors;
import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One run of the data path for a manifest: keys, mount, plan (decrypt, render, owners), a new generation,
 * change detection, the switch, links, pruning and unit hand-over. It is sops-install-secrets' behaviour with
 * partial failure: an entry that fails keeps its previous content, every other entry is installed, each failure
 * is reported and the exit status is 1. Fatal errors (no mount, no generation directory) leave the current
 * generation as it was.
 */
public final class Activation {
    private final Options options;
    private final SecretSourceFactory sources;
    private final Scope scope;

    private Activation(Options options, SecretSourceFactory sources, Scope scope) {
        this.options = options;
        this.sources = sources;
        this.scope = scope;
    }

    public static ActivationResult run(Manifest manifest, Options options, SecretSourceFactory sources) {
        return run(manifest, options, sources, Scope.ALL);
    }

    /** With a {@link Scope} other than {@link Scope#ALL}: entries outside it are carried over, not decrypted. */
    public static ActivationResult run(Manifest manifest, Options options, SecretSourceFactory sources, Scope scope) {
        return new Activation(options, sources, scope).run(manifest);
    }

    private ActivationResult run(Manifest manifest) {
        Manifest m = manifest;
        if (m.userMode()) {
            String rundir = "";
            try {
                rundir = options.runtimeDir().find();
            } catch (IOException e) {
                if (options.checkMode() == CheckMode.OFF) {
                    return fatal("cannot figure out runtime directory: " + e.getMessage());
                }
            }
            m = m.expandRuntimeDir(rundir);
        }
        switch (options.checkMode()) {
            case MANIFEST -> {
                return done(0, List.of(), List.of(), List.of(), List.of());
            }
            case SOPSFILE -> {
                SecretSource source = sources.open(KeyInputs.NONE, new Report(new ArrayList<>(), new ArrayList<>(),
                        false));
                List<String> errors = SopsFileCheck.check(m, source);
                return done(0, List.of(), List.of(), List.of(), errors);
            }
            case OFF -> {
                ActivationResult result = null;
                List<Manifest> parts = m.splitForUsers();
                // a spare mirrors one mount point's generation
                Options o = parts.size() > 1 ? options.withSpare(Optional.empty()) : options;
                for (Manifest part : parts) {
                    boolean forUsers = part != m && part.symlinkPath().equals(Manifest.FOR_USERS_SYMLINK);
                    ActivationResult r = new Activation(forUsers ? o.withIgnorePasswd(true) : o,
                            sources, scope).install(part);
                    result = result == null ? r : result.merge(r);
                }
                return result;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Collects what the key loader reports. */
    private record Report(List<String> notices, List<String> errors, boolean log) implements KeyReport {
        @Override
        public void imported(Path keyFile, String kind, String fingerprint) {
            if (log) {
                notices.add("Imported " + keyFile + " as " + kind + " key with fingerprint " + fingerprint);
            }
        }

        @Override
        public void failed(Path keyFile, String cause) {
            errors.add(keyFile + ": cannot use the key: " + cause);
        }
    }

    private ActivationResult install(Manifest m) {
        List<String> notices = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean dry = options.dryRun();
        boolean chown = !m.userMode();
        boolean ownersAreRoot = options.ignorePasswd() || dry || m.userMode();

        int keysGid = 0;
        if (!ownersAreRoot) {
            OptionalInt g = options.userDb().gid("keys");
            if (g.isEmpty()) {
                g = options.userDb().gid("nogroup");
            }
            if (g.isEmpty()) {
                return fatal("can't find group 'keys' nor 'nogroup'");
            }
            keysGid = g.getAsInt();
        }

        Report report = new Report(notices, errors, m.logging().keyImport());
        KeyInputs keys = presentKeys(KeyInputs.of(m), report);
        SecretSource source = sources.open(keys, report);

        Path mp = Path.of(m.secretsMountPoint()).toAbsolutePath().normalize();
        Path link = Path.of(m.symlinkPath()).toAbsolutePath().normalize();
        if (dry) {
            return installLocked(m, source, mp, link, keysGid, chown, notices, errors);
        }
        // Every writer of this mount point takes the lock before it reads the current generation: two runs
        // at once would both build on the same generation, and one's cleanup would delete the other's files.
        try (MountLock lock = MountLock.acquire(mp, MountLock.WAIT)) {
            if (lock.waited().toSeconds() >= 1) {
                notices.add("waited " + lock.waited().toSeconds() + " s for another activation of " + mp);
            }
            return installLocked(m, source, mp, link, keysGid, chown, notices, errors);
        } catch (IOException e) {
            errors.add(mp + ": cannot install the secrets: " + (m.userMode() || isRoot() ? Errors.reason(e, mp) : NEEDS_ROOT));
            return done(0, List.of(), List.of(), notices, errors);
        }
    }

    /**
     * The steps in an order where a failure, including a full file system, costs only the new generation:
     * prune what pruning would remove anyway, build the generation and its links file under a name no other
     * run uses, check it is whole, and only then switch; pruning after the switch removes the previous one.
     */
    private ActivationResult installLocked(Manifest m, SecretSource source, Path mp, Path link, int keysGid,
                                           boolean chown, List<String> notices, List<String> errors) {
        boolean dry = options.dryRun();
        boolean ownersAreRoot = options.ignorePasswd() || dry || m.userMode();
        Generations gens = new Generations(mp, link);
        OptionalInt current = gens.current();
        Optional<Path> previous = current.isPresent() ? Optional.of(gens.dir(current.getAsInt())) : Optional.empty();
        boolean firstBoot = !Files.exists(link);

        if (!dry) {
            try {
                prepareMountPoint(mp, m, keysGid, chown);
            } catch (IOException e) {
                errors.add(mp + ": cannot mount the secrets file system: " + (isRoot() ? Errors.reason(e, mp) : NEEDS_ROOT));
                return done(0, List.of(), List.of(), notices, errors);
            }
        }
        options.hook().after(Step.MOUNTED);

        // carrying over is only sound from the generation the scope was computed against (read under the lock)
        Scope sc = !scope.all() && current.isPresent() && current.getAsInt() == scope.base() ? scope : Scope.ALL;
        Plan plan = new Planner(source, options, ownersAreRoot).plan(m, sc, previous);
        Path building = null;
        int n = 0;
        boolean renamed = false;
        boolean switched = false;
        try {
            options.hook().after(Step.DECRYPTED);
            List<Outcome> outcomes;
            Switch sw = new Switch(link, chown);
            List<Switch.Link> links;
            if (dry) {
                outcomes = new GenerationWriter(null, previous, keysGid, chown).write(plan);
                links = List.of();
            } else {
                SpareGeneration spare = options.spare().orElse(null);
                gens.removeLeftovers(p -> spare != null && spare.isSpare(p));
                n = gens.next();
                try {
                    gens.pruneBeforeWriting(n, m.keepGenerations());
                } catch (IOException e) {
                    errors.add(mp + ": cannot prune old secrets generations: " + Errors.reason(e));
                }
                // a change builds in the spare, which holds all the current generation holds but what it lacks
                SpareGeneration.Taken taken = spare == null ? null
                        : spare.take(mp, !sc.all() && current.isPresent() ? current.getAsInt() : 0);
                if (taken != null) {
                    building = taken.dir();
                    outcomes = new GenerationWriter(taken, previous.orElseThrow(), keysGid, chown).write(plan);
                } else {
                    building = gens.building(n);
                    SecureFiles.createDirectory(building, 0751, 0, keysGid, chown);
                    outcomes = new GenerationWriter(building, previous, keysGid, chown).write(plan);
                }
                links = sw.wanted(outcomes, plan);
                gens.saveLinks(n, links.stream().map(Switch.Link::path).toList());
                options.hook().after(Step.GENERATION_WRITTEN);
                Path dir = gens.dir(n);
                if (SecureFiles.exists(dir) && !Files.isDirectory(dir, SecureFiles.NOFOLLOW)) {
                    Files.delete(dir); // something planted under the generation's name; never followed
                }
                Files.move(building, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                building = null;
                renamed = true;
                List<String> missing = gens.missing(n, outcomes, plan);
                if (!missing.isEmpty()) {
                    throw new IOException("generation " + n + " is incomplete (no " + String.join(", ", missing)
                            + "); the previous generation stays current");
                }
                options.hook().after(Step.GENERATION_COMPLETE);
            }
            for (Outcome o : outcomes) {
                o.cause().ifPresent(c -> errors.add(c + (o.status() == Outcome.Status.KEPT_PREVIOUS
                        ? " (kept the previous content of " + o.relPath() + ")" : "")));
            }

            // sops-install-secrets says nothing of changes in user mode; the daemon (which hands no units
            // over) does say them, since its log is the only place a user sees a re-render happen.
            // An incremental scope keeps the manifest of its base: nothing was removed, no need to walk it.
            boolean reportChanges = !firstBoot && (!m.userMode() || !options.handOverUnits());
            Changes changes = reportChanges ? Changes.of(plan, outcomes, sc.all() ? previous.orElse(null) : null)
                    : Changes.NONE;
            if (m.userMode()) {
                changes = changes.withoutUnits();
            }
            List<String> lines = m.logging().secretChanges() ? changes.lines(dry) : List.of();
            if (dry) {
                // the whole plan, on a first activation too (where sops-install-secrets logs no change lines)
                lines = new ArrayList<>(Changes.of(plan, outcomes, previous.orElse(null)).lines(true));
                lines.addAll(DryRunPlan.lines(m, plan, outcomes, gens, link, new Switch(link, chown)));
                if (options.handOverUnits()) {
                    notices.addAll(new UnitHandover(options).handOver(changes.restartUnits(), changes.reloadUnits(), true));
                }
                return done(0, outcomes, lines, notices, errors);
            }

            sw.activate(gens.dir(n));
            switched = true;
            options.hook().after(Step.SWITCHED);
            errors.addAll(sw.place(links, notices));
            options.hook().after(Step.LINKS_PLACED);
            if (current.isPresent()) {
                sw.removeStale(gens.loadLinks(current.getAsInt()), links);
            }
            options.hook().after(Step.STALE_LINKS_REMOVED);
            if (options.spare().isPresent()) {
                noteForRecycling(options.spare().get(), sc, previous, n, outcomes);
            }
            if (!options.pruneLater()) {
                try {
                    gens.prune(n, m.keepGenerations());
                } catch (IOException e) {
                    errors.add(mp + ": cannot prune old secrets generations: " + Errors.reason(e));
                }
            }
            options.hook().after(Step.PRUNED);
            try {
                if (options.handOverUnits()) {
                    notices.addAll(new UnitHandover(options).handOver(changes.restartUnits(), changes.reloadUnits(), false));
                }
            } catch (IOException e) {
                errors.add("cannot request units to restart: " + e.getMessage());
            }
            options.hook().after(Step.UNITS_HANDED_OVER);
            return done(n, outcomes, lines, notices, errors);
        } catch (IOException e) {
            errors.add(mp + ": cannot install the new generation: " + Errors.reason(e));
            try {
                if (building != null) {
                    SecureFiles.deleteTree(building);
                    gens.discardLinks(n);
                } else if (renamed && !switched) {
                    gens.discard(n); // ours (we hold the lock) and never switched to, so nobody reads it
                }
            } catch (IOException ignored) {
                // the next run removes it
            }
            return done(0, List.of(), List.of(), notices, errors);
        } finally {
            plan.wipe();
        }
    }

    /**
     * Removes the generations an activation with {@link Options#pruneLater} left behind: n ≤ current −
     * keepGenerations, never the current one, under the mount point's lock like an activation. Returns one
     * line per mount point it could not prune; a later activation prunes them before it writes anyway.
     */
    public static List<String> prune(Manifest manifest, Options options) {
        List<String> errors = new ArrayList<>();
        Manifest m = manifest;
        if (options.dryRun() || options.checkMode() != CheckMode.OFF) {
            return errors;
        }
        if (m.userMode()) {
            try {
                m = m.expandRuntimeDir(options.runtimeDir().find());
            } catch (IOException e) {
                return errors; // no runtime directory: no secrets either
            }
        }
        List<Manifest> parts = m.splitForUsers();
        for (Manifest part : parts) {
            Path mp = Path.of(part.secretsMountPoint()).toAbsolutePath().normalize();
            if (!Files.isDirectory(mp, SecureFiles.NOFOLLOW)) {
                continue;
            }
            try (MountLock lock = MountLock.acquire(mp, MountLock.WAIT)) {
                Generations gens = new Generations(mp, Path.of(part.symlinkPath()).toAbsolutePath().normalize());
                OptionalInt current = gens.current();
                Optional<SpareGeneration> spare = parts.size() == 1 ? options.spare() : Optional.empty();
                if (current.isPresent()) {
                    // keepGenerations 1 prunes the predecessor anyway: it becomes the spare instead
                    if (spare.isPresent() && part.keepGenerations() == 1) {
                        spare.get().recycle(gens, current.getAsInt());
                    }
                    gens.prune(current.getAsInt(), part.keepGenerations());
                }
            } catch (IOException e) {
                errors.add(mp + ": cannot prune old secrets generations: " + Errors.reason(e));
            }
        }
        return errors;
    }

    /**
     * After an incremental switch, generation n differs from the one it was built from only where an entry was
     * written anew or is absent: the rest are links to the same inodes. A full activation may have dropped
     * entries of a manifest that changed, so its predecessor is pruned, not recycled.
     */
    private static void noteForRecycling(SpareGeneration spare, Scope sc, Optional<Path> previous, int n,
                                         List<Outcome> outcomes) {
        if (sc.all() || previous.isEmpty()) {
            spare.forgetBuilt();
            return;
        }
        java.util.Set<String> differs = new java.util.HashSet<>();
        java.util.Set<String> dirs = new java.util.HashSet<>(List.of(""));
        for (Outcome o : outcomes) {
            for (int i = o.relPath().indexOf('/'); i >= 0; i = o.relPath().indexOf('/', i + 1)) {
                dirs.add(o.relPath().substring(0, i));
            }
            if (o.status() == Outcome.Status.INSTALLED || o.status() == Outcome.Status.ABSENT) {
                differs.add(o.relPath());
            }
        }
        spare.built(previous.get(), n, differs, dirs);
    }

    /** Key files that do not exist are reported here and not handed to the loader. */
    private static KeyInputs presentKeys(KeyInputs k, KeyReport report) {
        Optional<Path> age = k.ageKeyFile().filter(p -> present(p, report));
        List<Path> ageSsh = k.ageSshKeyPaths().stream().filter(p -> present(p, report)).toList();
        List<Path> ssh = k.sshKeyPaths().stream().filter(p -> present(p, report)).toList();
        Optional<Path> gnupg = k.gnupgHome().filter(p -> {
            if (Files.isDirectory(p)) {
                return true;
            }
            report.failed(p, "no such directory");
            return false;
        });
        return new KeyInputs(age, ageSsh, ssh, gnupg);
    }

    private static boolean present(Path p, KeyReport report) {
        if (Files.isRegularFile(p) && Files.isReadable(p)) {
            return true;
        }
        report.failed(p, Files.exists(p) ? "not a readable file" : "no such file");
        return false;
    }

    private static final String NEEDS_ROOT = "activation needs root (or \"userMode\": true in the manifest)";

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void prepareMountPoint(Path mp, Manifest m, int keysGid, boolean chown) throws IOException {
        if (Files.isSymbolicLink(mp)) {
            throw new IOException(mp + " is a symbolic link; refusing to use it as the secrets mount point");
        }
        if (!Files.isDirectory(mp, SecureFiles.NOFOLLOW)) {
            SecureFiles.createDirectories(mp.getParent(), 0755);
            SecureFiles.createDirectory(mp, 0751, 0, keysGid, chown);
        }
        if (m.userMode() && !options.mounter().mountsInUserMode()) {
            return;
        }
        options.mounter().ensureMounted(mp, m.useTmpfs());
        if (m.userMode()) {
            return;
        }
        SecureFiles.setOwner(mp, 0, keysGid);
        Files.setAttribute(mp, "unix:mode", 0751, SecureFiles.NOFOLLOW);
    }

    private ActivationResult fatal(String error) {
        return done(0, List.of(), List.of(), List.of(), List.of(error));
    }

    private static ActivationResult done(int generation, List<Outcome> outcomes, List<String> lines,
                                         List<String> notices, List<String> errors) {
        return new ActivationResult(generation, outcomes, lines, notices, errors, errors.isEmpty() ? 0 : 1);
    }
}
