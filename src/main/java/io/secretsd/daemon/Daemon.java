package io.secretsd.daemon;

import io.secretsd.activation.Activation;
import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Options;
import io.secretsd.activation.Outcome;
import io.secretsd.activation.Scope;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SpareGeneration;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestException;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.watch.ChangeBatch;
import io.secretsd.watch.DependencyMap;
import io.secretsd.watch.FileWatcher;
import io.secretsd.watch.WatchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code secretsd run}: activates once, then again for each change the watcher reports, on a single thread
 * so that two activations never overlap. A change re-activates only what it reaches ({@link Inputs}): the other
 * entries are carried over from the generation this daemon made last, never decrypted; the manifest, a key
 * file, SIGHUP and {@code reload} re-activate everything. A change that cannot be applied (an invalid manifest)
 * is refused and the running manifest and secrets are kept. Units are restarted by the daemon itself, once per
 * change set.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final Path manifestFile;
    private final Options options;
    private final SecretSourceFactory sources;
    private final WatchOptions watchOptions;
    private final Units units;
    private final List<DaemonListener> listeners;
    // Its one thread is started up front and never dies (an Error ends the daemon instead): a change
    // must not need a new thread, which a pids limit may refuse.
    private final ThreadPoolExecutor loop = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "secretsd-activation");
        t.setDaemon(true);
        return t;
    });

    private Manifest manifest;
    private DependencyMap<String> inputs;
    private FileWatcher watcher;
    /** Dependency keys of the entries the last activation could not install: retried at every change. */
    private Set<String> lastFailed = Set.of();
    /** The generation the last activation made: the base an incremental one carries entries over from. */
    private int generation;

    public Daemon(Path manifestFile, Options options, SecretSourceFactory sources, WatchOptions watchOptions, Units units,
                  List<DaemonListener> listeners) {
        this.manifestFile = manifestFile.toAbsolutePath().normalize();
        this.options = options.withHandOverUnits(false).withPruneLater(true)
                .withSpare(Optional.of(new SpareGeneration()));
        this.sources = sources;
        this.watchOptions = watchOptions;
        this.units = units;
        this.listeners = List.copyOf(listeners);
    }

    /** Reads the manifest, installs the first generation and starts watching; an invalid manifest is fatal here. */
    public ActivationResult start() throws ManifestException, IOException {
        manifest = ManifestReader.read(manifestFile);
        inputs = Inputs.of(manifestFile, manifest);
        loop.prestartCoreThread();
        ActivationResult first = activate(true);
        watcher = FileWatcher.open(watched(), watchOptions, batch -> loop.execute(() -> guarded(() -> changed(batch))),
                e -> died("file watcher stopped: " + e));
        // the first activation's garbage collected once the start is done
        loop.execute(() -> guarded(Daemon::collect));
        return first;
    }

    /** A full re-activation (SIGHUP, {@code secretsctl reload}), queued behind any running one. */
    public CompletableFuture<ActivationResult> reload() {
        CompletableFuture<ActivationResult> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                reloadManifest();
                done.complete(activate(false));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } catch (Error e) {
                done.completeExceptionally(e);
                died("activation loop failed: " + e);
            }
        });
        return done;
    }

    /** Runs a task of the loop; an Error there (no memory, no thread) means the daemon cannot go on. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (Error e) {
            died("activation loop failed: " + e);
        }
    }

    /** Tells the listeners, once per cause, that a part of the daemon stopped for good. */
    private void died(String reason) {
        LOG.error("{}", reason);
        for (DaemonListener l : listeners) {
            try {
                l.died(reason);
            } catch (RuntimeException e) {
                LOG.error("while reporting that: {}", e.toString());
            }
        }
    }

    private void changed(ChangeBatch batch) {
        try {
            boolean global = false;
            for (Path p : batch.paths()) global |= inputs.global().contains(p);
            if (batch.paths().contains(manifestFile)) {
                if (!reloadManifest()) return;
            } else if (Inputs.touchesTemplates(manifest, batch.paths())) {
                inputs = Inputs.of(manifestFile, manifest);
            }
            Set<String> affected = inputs.affected(batch.paths());
            if (affected.isEmpty()) return;
            LOG.info("changed: {}; re-activating {} entr{}", batch.paths(), affected.size(), affected.size() == 1 ? "y" : "ies");
            if (global) {
                activate(false);
                return;
            }
            // only what the change reaches, and whatever failed last time; the rest is carried over undecrypted
            Set<String> redo = new HashSet<>(affected);
            redo.addAll(lastFailed);
            ActivationResult r = activate(false, Scope.only(Inputs.names(redo, Inputs.SECRET),
                    Inputs.names(redo, Inputs.TEMPLATE), generation));
            if (r.errors().stream().anyMatch(e -> e.startsWith(Scope.CARRY_FAILED))) {
                LOG.warn("the current generation lacks files it should hold; re-activating everything");
                activate(false);
            }
        } catch (RuntimeException e) {
            // a bug: the class name helps the developer in the log; the status says it plainly
            LOG.error("re-activation failed: internal error", e);
            refuse("re-activation failed: internal error");
        }
    }

    /** Reads the manifest again; keeps the running one (and says why) when the new one is invalid. */
    private boolean reloadManifest() {
        try {
            Manifest m = ManifestReader.read(manifestFile);
            manifest = m;
            inputs = Inputs.of(manifestFile, m);
            if (watcher != null) watcher.setFiles(watched());
            return true;
        } catch (ManifestException e) {
            String reason = "new manifest refused, the running one is kept: " + e.getMessage();
            LOG.error(reason);
            refuse(reason);
            return false;
        }
    }

    private ActivationResult activate(boolean first) {
        return activate(first, Scope.ALL);
    }

    private ActivationResult activate(boolean first, Scope scope) {
        long t0 = System.nanoTime();
        ActivationResult r = Activation.run(manifest, options, sources, scope);
        LOG.info("generation {} in {} ms{}", r.generation(), (System.nanoTime() - t0) / 1_000_000,
                scope.all() ? "" : " (" + (scope.secrets().size() + scope.templates().size()) + " entries anew, the rest carried over)");
        Set<String> failed = new HashSet<>();
        for (Outcome o : r.outcomes()) {
            if (o.failed()) failed.add((o.template() ? Inputs.TEMPLATE : Inputs.SECRET) + o.name());
        }
        lastFailed = failed;
        if (r.generation() > 0) generation = r.generation();
        Instant at = Instant.now();
        r.notices().forEach(LOG::info);
        r.changeLines().forEach(LOG::info);
        r.errors().forEach(LOG::error);
        Manifest shown = manifest;
        if (manifest.userMode()) {
            try {
                shown = manifest.expandRuntimeDir(options.runtimeDir().find());
            } catch (IOException e) {
                // the activation has reported that there is no runtime directory
            }
        }
        for (DaemonListener l : listeners) l.activated(shown, r, at, first);
        if (!first) restartUnits(r);
        // The old generations go once the new secrets are in place and reported (the one this change was built
        // from becomes the spare the next change is built in): queued behind this activation, so a change that
        // comes meanwhile waits for this prune, never the other way round.
        // A full activation leaves much garbage behind (plaintext copies among it): it is collected after the
        // prune and the heap shrinks back, so the idle daemon holds neither the copies nor the memory. An
        // incremental one leaves little, and a collection would cost more than its whole work.
        boolean collect = scope.all() && !first; // the first: once the daemon has started (start)
        boolean queued = false;
        if (r.generation() > 0 && !loop.isShutdown()) {
            try {
                loop.execute(() -> guarded(() -> {
                    prune();
                    if (collect) collect();
                }));
                queued = true;
            } catch (RejectedExecutionException e) {
                // stopping: the next activation, of this daemon or another, prunes before it writes
            }
        }
        if (collect && !queued) collect();
        return r;
    }

    /**
     * Two collections: the first leaves what only a finalizer or cleaner still reaches (after the first
     * activation of 1,000 secrets: 16 MB held, 6 MB after the second), which the second frees.
     */
    private static void collect() {
        System.gc();
        System.gc();
    }

    private void prune() {
        Activation.prune(manifest, options).forEach(LOG::warn);
    }

    private void restartUnits(ActivationResult r) {
        UnitRequests req = UnitRequests.of(manifest, r);
        if (req.isEmpty()) return;
        if (units.unavailable().isPresent()) {
            String what = new java.util.TreeSet<>(req.restart()) + (req.reload().isEmpty() ? "" : " (reload " + new java.util.TreeSet<>(req.reload()) + ")");
            String warning = "secrets of units " + what + " changed, but no unit is restarted: " + units.unavailable().get();
            LOG.warn(warning);
            Instant at = Instant.now();
            for (DaemonListener l : listeners) l.warned("units", warning, at);
            return;
        }
        try {
            // the notifiers log each unit's result themselves, a failure as a warning: not again here
            List<String> results = units.apply(req.restart(), req.reload());
            for (DaemonListener l : listeners) l.unitsHandled(results);
        } catch (IOException e) {
            LOG.error("cannot restart units {} / reload {}: {}", req.restart(), req.reload(), e.getMessage());
        }
    }

    private void refuse(String reason) {
        Instant at = Instant.now();
        for (DaemonListener l : listeners) l.refused(reason, at);
    }

    private List<Path> watched() {
        List<Path> files = new ArrayList<>(inputs.files());
        files.addAll(inputs.global());
        return files;
    }

    public Manifest manifest() {
        return manifest;
    }

    @Override
    public void close() {
        listeners.forEach(DaemonListener::stopping);
        if (watcher != null) watcher.close();
        loop.shutdown();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
