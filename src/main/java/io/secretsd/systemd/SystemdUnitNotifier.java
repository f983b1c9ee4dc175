package io.secretsd.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts and reloads units through systemd's D-Bus API: TryRestartUnit / ReloadOrTryRestartUnit with
 * mode "replace", then the JobRemoved signal of each job for its result. "Try" because a unit that is not
 * running should stay stopped: a changed secret is no reason to start it.
 *
 * <p>The bus is connected at the first change set, not at construction, so a daemon whose secrets name no
 * units never loads D-Bus. All requests of a change set are sent before any result is awaited, so the
 * jobs run in parallel and the set takes as long as its slowest unit, bounded by the job timeout.
 */
public final class SystemdUnitNotifier implements UnitNotifier {

    public static final String DEFAULT_SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(SystemdUnitNotifier.class);

    private final String busAddress;
    private final Duration jobTimeout;
    // Job results by job path; filled by the signal thread, possibly before the call that made the job returns.
    private final Map<String, CompletableFuture<String>> jobs = new ConcurrentHashMap<>();
    private volatile boolean collecting;
    private DBusConnection connection;
    private SystemdManager manager;

    public SystemdUnitNotifier(String busAddress, Duration jobTimeout) {
        this.busAddress = busAddress;
        this.jobTimeout = jobTimeout;
    }

    /** The system bus: DBUS_SYSTEM_BUS_ADDRESS when set, else the standard socket. */
    public static SystemdUnitNotifier systemBus(Map<String, String> env) {
        String address = env.getOrDefault("DBUS_SYSTEM_BUS_ADDRESS", "");
        return new SystemdUnitNotifier(address.isEmpty() ? DEFAULT_SYSTEM_BUS : address, DEFAULT_JOB_TIMEOUT);
    }

    public String busAddress() {
        return busAddress;
    }

    @Override
    public synchronized List<UnitResult> apply(Set<String> restart, Set<String> reload) {
        Map<String, UnitAction> plan = UnitNotifier.plan(restart, reload);
        if (plan.isEmpty()) {
            return List.of();
        }
        try {
            connect();
        } catch (DBusException | RuntimeException e) {
            disconnect();
            String detail = "cannot connect to D-Bus at " + busAddress + ": " + e.getMessage();
            return plan.entrySet().stream()
                    .map(u -> log(new UnitResult(u.getKey(), u.getValue(), UnitResult.CALL_FAILED, detail)))
                    .toList();
        }
        collecting = true;
        try {
            Map<String, Object> pending = new LinkedHashMap<>(); // unit -> job path, or its UnitResult on failure
            for (Map.Entry<String, UnitAction> u : plan.entrySet()) {
                pending.put(u.getKey(), request(u.getKey(), u.getValue()));
            }
            long deadline = System.nanoTime() + jobTimeout.toNanos();
            List<UnitResult> results = new ArrayList<>();
            for (Map.Entry<String, Object> p : pending.entrySet()) {
                UnitAction action = plan.get(p.getKey());
                UnitResult r = p.getValue() instanceof UnitResult failed ? failed
                        : await(p.getKey(), action, (String) p.getValue(), deadline);
                results.add(log(r));
            }
            return List.copyOf(results);
        } finally {
            collecting = false;
            jobs.clear();
        }
    }

    private Object request(String unit, UnitAction action) {
        try {
            DBusPath job = switch (action) {
                case RESTART -> manager.TryRestartUnit(unit, "replace");
                case RELOAD -> manager.ReloadOrTryRestartUnit(unit, "replace");
            };
            jobs.computeIfAbsent(job.getPath(), k -> new CompletableFuture<>());
            return job.getPath();
        } catch (DBusExecutionException e) {
            // dbus-java maps well-known D-Bus errors to subclasses (ServiceUnknown, AccessDenied, ...): keep the name.
            String name = e.getClass() == DBusExecutionException.class ? "" : e.getClass().getSimpleName() + ": ";
            return new UnitResult(unit, action, UnitResult.CALL_FAILED, name + e.getMessage());
        } catch (RuntimeException e) {
            // dbus-java reports a lost connection as an unchecked exception; the next change set reconnects.
            disconnect();
            return new UnitResult(unit, action, UnitResult.CALL_FAILED, e.toString());
        }
    }

    private UnitResult await(String unit, UnitAction action, String job, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            String result = jobs.get(job).get(left, TimeUnit.NANOSECONDS);
            return new UnitResult(unit, action, result, "");
        } catch (TimeoutException e) {
            return new UnitResult(unit, action, UnitResult.NO_RESULT, "job " + job + " did not finish within " + jobTimeout);
        } catch (ExecutionException e) {
            return new UnitResult(unit, action, UnitResult.NO_RESULT, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UnitResult(unit, action, UnitResult.NO_RESULT, "interrupted while waiting for job " + job);
        }
    }

    private void connect() throws DBusException {
        if (connection != null && connection.isConnected()) {
            return;
        }
        disconnect();
        // dbus-java retries a missing socket for ~10 s; no socket means no bus, so say so at once.
        if (busAddress.startsWith("unix:path=")) {
            String path = busAddress.substring("unix:path=".length()).split(",", 2)[0];
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
                throw new DBusException("no bus socket at " + path);
            }
        }
        DBusConnection c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        try {
            c.addSigHandler(SystemdManager.JobRemoved.class, signal -> {
                if (collecting) {
                    jobs.computeIfAbsent(signal.getJob().getPath(), k -> new CompletableFuture<>())
                            .complete(signal.getResult());
                }
            });
            SystemdManager m = c.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH, SystemdManager.class);
            try {
                m.Subscribe();
            } catch (DBusExecutionException e) {
                // Subscribe only matters to systemd versions that send JobRemoved to subscribers alone;
                // "already subscribed" and the like are no reason to stop.
                LOG.debug("systemd Subscribe: {}", e.getMessage());
            }
            connection = c;
            manager = m;
        } catch (DBusException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }

    private void disconnect() {
        if (connection != null) {
            connection.disconnect();
        }
        connection = null;
        manager = null;
    }

    private static UnitResult log(UnitResult r) {
        if (r.ok()) {
            LOG.info("{}", r);
        } else {
            LOG.warn("{}", r);
        }
        return r;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
