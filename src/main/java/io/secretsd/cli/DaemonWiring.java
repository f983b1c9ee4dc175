package io.secretsd.cli;

import io.secretsd.activation.Options;
import io.secretsd.activation.SopsSecrets;
import io.secretsd.control.AccessPolicy;
import io.secretsd.control.ControlServer;
import io.secretsd.control.EventHub;
import io.secretsd.control.ReloadHandler;
import io.secretsd.control.StatusPublisher;
import io.secretsd.control.StatusSnapshot;
import io.secretsd.daemon.ControlBridge;
import io.secretsd.daemon.Daemon;
import io.secretsd.daemon.DaemonListener;
import io.secretsd.daemon.Units;
import io.secretsd.watch.WatchOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The daemon joined to its control service (status, events, reload), as {@code secretsd run} and
 * {@code secretsd demo} both need it: one place, so the demo shows the daemon operators run.
 */
final class DaemonWiring {
    final Instant started = Instant.now();
    final StatusPublisher status = new StatusPublisher(StatusSnapshot.starting(Version.get(), started));
    final EventHub events = new EventHub();
    final Daemon daemon;

    DaemonWiring(Path manifest, Options options, Map<String, String> env, WatchOptions watch, Units units,
                 List<DaemonListener> moreListeners) {
        List<DaemonListener> listeners = new ArrayList<>();
        listeners.add(new ControlBridge(status, events, Version.get(), started));
        listeners.addAll(moreListeners);
        daemon = new Daemon(manifest, options, new SopsSecrets(env), watch, units, listeners);
    }

    /** What the control socket serves: this daemon's status and events; Reload waits for the re-activation. */
    ControlServer.Service service(AccessPolicy policy) {
        ReloadHandler reload = new ReloadHandler() {
            @Override
            public void reload() throws Exception {
                daemon.reload().get();
            }

            @Override
            public CompletionStage<Void> start() {
                return daemon.reload().thenApply(r -> null);
            }
        };
        return new ControlServer.Service(status, events, reload, policy);
    }
}
