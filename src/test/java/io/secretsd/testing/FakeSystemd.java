package io.secretsd.testing;

import io.secretsd.systemd.SystemdManager;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;

/**
 * A test service on a private bus that owns org.freedesktop.systemd1 and exports a Manager at
 * /org/freedesktop/systemd1: records each call and emits JobRemoved with the result chosen per unit.
 * "missing*" units are refused like systemd's NoSuchUnit; "hang*" units never finish; "early*" units
 * finish before the call returns (the signal overtakes the reply); the rest finish 20 ms later. The results
 * map is read at each call, so a test may change a unit's result while the service runs.
 */
public final class FakeSystemd implements SystemdManager, AutoCloseable {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> results;
    private final DBusConnection conn;
    private final AtomicInteger jobIds = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    public FakeSystemd(String address, Map<String, String> results) throws DBusException {
        this.results = results;
        conn = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        conn.requestBusName(BUS_NAME);
        conn.exportObject(OBJECT_PATH, this);
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public void Subscribe() {
        calls.add("Subscribe");
    }

    @Override
    public DBusPath TryRestartUnit(String name, String mode) {
        return job("TryRestartUnit", name, mode);
    }

    @Override
    public DBusPath ReloadOrTryRestartUnit(String name, String mode) {
        return job("ReloadOrTryRestartUnit", name, mode);
    }

    private DBusPath job(String method, String unit, String mode) {
        calls.add(method + " " + unit + " " + mode);
        if (unit.startsWith("missing")) {
            throw new DBusExecutionException("Unit " + unit + " not found.");
        }
        int id = jobIds.incrementAndGet();
        DBusPath job = new DBusPath(OBJECT_PATH + "/job/" + id);
        String result = results.getOrDefault(unit, "done");
        Runnable emit = () -> {
            try {
                conn.sendMessage(new JobRemoved(OBJECT_PATH, new UInt32(id), job, unit, result));
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
        };
        if (unit.startsWith("early")) {
            emit.run();
        } else if (!unit.startsWith("hang")) {
            later.schedule(emit, 20, TimeUnit.MILLISECONDS);
        }
        return job;
    }

    @Override
    public void close() {
        later.shutdownNow();
        conn.disconnect();
    }
}
