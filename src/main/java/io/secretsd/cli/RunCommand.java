package io.secretsd.cli;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Options;
import io.secretsd.control.AccessPolicy;
import io.secretsd.control.ControlServer;
import io.secretsd.control.SocketDefault;
import io.secretsd.daemon.Daemon;
import io.secretsd.daemon.DaemonListener;
import io.secretsd.daemon.Units;
import io.secretsd.launchd.LaunchctlRestarter;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestException;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.platform.Platform;
import io.secretsd.systemd.SdNotify;
import io.secretsd.systemd.SocketActivation;
import io.secretsd.systemd.SystemdUnitNotifier;
import io.secretsd.systemd.UnitNotifier;
import io.secretsd.systemd.UnitResult;
import io.secretsd.watch.WatchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code secretsd run}: the long-running daemon. Installs the secrets, tells systemd it is ready, then keeps
 * them current as their inputs change, and answers on the control socket. SIGHUP re-activates everything;
 * SIGTERM stops and leaves the installed secrets in place.
 */
@Command(name = "run", description = "Install the manifest's secrets, then keep them current (the service).")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "sops-nix manifest (JSON or YAML)")
    Path manifest;

    @Option(names = "--socket", paramLabel = "PATH", description = "control socket (default: systemd's, else "
            + "/run/secretsd/io.secretsd.Manager as root, $XDG_RUNTIME_DIR/secretsd/io.secretsd.Manager in user mode or as another user)")
    Path socket;

    @Option(names = "--status-group", paramLabel = "GROUP", description = "members may read the status (root may do everything)")
    String statusGroup;

    @Option(names = "--units", paramLabel = "HOW", description = "restart units via: auto (default), systemd, launchd, none")
    String units = "auto";

    @Option(names = "--settle", paramLabel = "MS", description = "quiet time after a change before re-activating (default 5)")
    long settleMillis = WatchOptions.DEFAULT_SETTLE.toMillis();

    @Option(names = "--ignore-passwd", description = "own everything by root, look up no user")
    boolean ignorePasswd;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        Platform platform = Platform.current();
        SdNotify notify = SdNotify.fromEnvironment();
        boolean userMode = userMode();
        UnitHandover handover = unitHandover(platform, env, userMode);
        UnitNotifier notifier = handover.notifier();
        Units unitsApplier = handover.units();
        if (handover.unavailable() == null) {
            LOG.info("units: {}", handover.how());
        } else {
            LOG.warn("units: none will be restarted: {}; a change naming restartUnits or reloadUnits is a warning", handover.unavailable());
        }
        DaemonListener toSystemd = new DaemonListener() {
            @Override
            public void activated(Manifest m, ActivationResult r, Instant at, boolean first) {
                send(() -> notify.status(summary(r)));
            }

            @Override
            public void refused(String reason, Instant at) {
                send(() -> notify.status("change refused: " + reason));
            }

            @Override
            public void died(String reason) {
                exitForRestart(notify, reason);
            }
        };
        // A thread that dies is a part of the daemon gone: one line in the log (no stack trace), and an
        // Error (no memory, no thread) ends the daemon so that systemd restarts it.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (e instanceof Error) exitForRestart(notify, "thread " + t.getName() + " died: " + e);
            else LOG.error("thread {} died: {}", t.getName(), e.toString());
        });
        Options options = Options.fromEnvironment(platform, env).withIgnorePasswd(ignorePasswd);
        DaemonWiring wiring = new DaemonWiring(manifest, options, env, WatchOptions.defaults(platform).withSettle(Duration.ofMillis(settleMillis)),
                unitsApplier, List.of(toSystemd));
        Daemon daemon = wiring.daemon;
        AccessPolicy policy = statusGroup == null ? AccessPolicy.ownerOnly() : AccessPolicy.withStatusGroup(statusGroup);
        ControlServer.Service service = wiring.service(policy);
        var activated = SocketActivation.controlSocket();
        Path socketFile = activated.isPresent() ? null : socketPath(SocketDefault.current(), userMode);
        ControlServer server = activated.isPresent()
                ? ControlServer.start(activated.get(), service, ControlServer.Limits.DEFAULT)
                : ControlServer.start(socketFile, service, ControlServer.Limits.DEFAULT);
        server.onFailure(reason -> exitForRestart(notify, reason));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            send(notify::stopping);
            daemon.close();
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            notifier.close();
            stopped.countDown();
        }, "secretsd-stop"));

        ActivationResult first = daemon.start();
        send(() -> notify.ready(summary(first)));
        notify.startWatchdog();
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
            LOG.info("SIGHUP: re-activating everything");
            send(notify::reloading);
            daemon.reload();
        });
        LOG.info("ready: {}; control socket {}", summary(first), activated.isPresent() ? "from systemd" : socketFile);
        stopped.await();
        return Cli.OK;
    }

    /** Exit status when a part of the daemon died: non-zero, so that Restart=on-failure restarts it. */
    static final int EXIT_DIED = 70;

    /**
     * Ends the daemon at once after a part of it died, saying why (log, STATUS=): a daemon without its
     * watcher or its socket would look healthy while doing nothing. Halts rather than exits: the
     * shutdown hooks need threads, which may be what ran out; the installed secrets stay, as after kill -9.
     */
    private static void exitForRestart(SdNotify notify, String reason) {
        try {
            LOG.error("{}; exiting (status {}) so that the service manager restarts secretsd", reason, EXIT_DIED);
            send(() -> notify.status("failed: " + reason));
        } finally {
            Runtime.getRuntime().halt(EXIT_DIED);
        }
    }

    /** Whether the manifest is for user mode; false when it cannot be read (the daemon reports why itself). */
    private boolean userMode() {
        try {
            return ManifestReader.read(manifest).userMode();
        } catch (ManifestException e) {
            return false;
        }
    }

    /** --socket, else the default for this user and the manifest's mode. */
    Path socketPath(SocketDefault defaults, boolean userMode) {
        if (socket != null) return socket;
        try {
            return defaults.forDaemon(userMode);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** How units are restarted, said once at start; {@code unavailable} is why none can be, or null. */
    record UnitHandover(UnitNotifier notifier, String how, String unavailable) {
        Units units() {
            if (unavailable != null) return Units.none(unavailable);
            return (restart, reload) -> notifier.apply(restart, reload).stream().map(UnitResult::toString).toList();
        }
    }

    UnitHandover unitHandover(Platform platform, Map<String, String> env, boolean userMode) {
        String how = units;
        String session = env.get("DBUS_SESSION_BUS_ADDRESS");
        boolean systemBus = env.containsKey("DBUS_SYSTEM_BUS_ADDRESS") || Files.exists(Path.of("/run/dbus/system_bus_socket"));
        String why = null;
        if (how.equals("auto")) {
            if (platform == Platform.MACOS) how = "launchd";
            else if (userMode && session != null) how = "systemd";
            else if (userMode) {
                how = "none";
                why = "user mode and no session bus ($DBUS_SESSION_BUS_ADDRESS is not set), so the user's systemd cannot be asked";
            } else if (systemBus) how = "systemd";
            else {
                how = "none";
                why = "no system D-Bus ($DBUS_SYSTEM_BUS_ADDRESS is not set and /run/dbus/system_bus_socket does not exist)";
            }
        }
        return switch (how) {
            case "systemd" -> userMode && session != null
                    ? new UnitHandover(new SystemdUnitNotifier(session, SystemdUnitNotifier.DEFAULT_JOB_TIMEOUT),
                            "restarted over D-Bus by the user's systemd (" + session + ")", null)
                    : systemd(SystemdUnitNotifier.systemBus(env));
            case "launchd" -> {
                // A LaunchDaemon (root) restarts system/<label>, a user's LaunchAgent its own gui/<uid>/<label>.
                LaunchctlRestarter launchctl = LaunchctlRestarter.forThisUser(env);
                yield new UnitHandover(launchctl, "restarted with launchctl kickstart -k (" + launchctl.domain() + " domain)", null);
            }
            case "none" -> new UnitHandover(NO_NOTIFIER, "none", why != null ? why : "--units none");
            default -> throw new UsageException("--units: unknown value " + how + " (auto, systemd, launchd, none)");
        };
    }

    private static UnitHandover systemd(SystemdUnitNotifier n) {
        return new UnitHandover(n, "restarted over D-Bus by systemd (" + n.busAddress() + ")", null);
    }

    private static final UnitNotifier NO_NOTIFIER = new UnitNotifier() {
        @Override
        public List<UnitResult> apply(java.util.Set<String> restart, java.util.Set<String> reload) {
            return List.of();
        }

        @Override
        public void close() {}
    };

    private static String summary(ActivationResult r) {
        long failed = r.outcomes().stream().filter(io.secretsd.activation.Outcome::failed).count();
        return r.outcomes().size() - failed + " installed, " + failed + " failed, generation " + r.generation();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void send(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            LOG.warn("sd_notify: {}", e.getMessage());
        }
    }
}
