package io.secretsd.systemd;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * sd_notify(3): state lines sent as one datagram each to the AF_UNIX socket named by NOTIFY_SOCKET.
 * When NOTIFY_SOCKET is unset (not started by systemd as Type=notify) every method does nothing, so the
 * daemon calls it unconditionally.
 */
public final class SdNotify implements AutoCloseable {

    private final AFUNIXSocketAddress target; // null: disabled
    private final AFUNIXDatagramSocket socket;
    private final Duration watchdogInterval; // null: no watchdog for this process
    private ScheduledExecutorService watchdog;

    private SdNotify(AFUNIXSocketAddress target, AFUNIXDatagramSocket socket, Duration watchdogInterval) {
        this.target = target;
        this.socket = socket;
        this.watchdogInterval = watchdogInterval;
    }

    /** From this process's environment. */
    public static SdNotify fromEnvironment() throws IOException {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * From the given environment: NOTIFY_SOCKET ("/path" or "@abstract"), WATCHDOG_USEC and WATCHDOG_PID
     * (the watchdog is ours only when WATCHDOG_PID is unset or equals {@code pid}).
     */
    public static SdNotify fromEnvironment(Map<String, String> env, long pid) throws IOException {
        Duration interval = watchdogTimeout(env, pid).map(t -> t.dividedBy(2)).orElse(null);
        String address = env.get("NOTIFY_SOCKET");
        if (address == null || address.isEmpty()) {
            return new SdNotify(null, null, interval);
        }
        AFUNIXSocketAddress target = parseAddress(address);
        return new SdNotify(target, AFUNIXDatagramSocket.newInstance(), interval);
    }

    /** A notifier that does nothing (no NOTIFY_SOCKET). */
    public static SdNotify disabled() {
        return new SdNotify(null, null, null);
    }

    static AFUNIXSocketAddress parseAddress(String address) throws SocketException {
        if (address.startsWith("/")) {
            return AFUNIXSocketAddress.of(java.nio.file.Path.of(address));
        }
        if (address.startsWith("@") && address.length() > 1) {
            return AFUNIXSocketAddress.inAbstractNamespace(address.substring(1));
        }
        // systemd also knows vsock: addresses (VMs); a daemon in a VM guest is not our case.
        throw new SocketException("NOTIFY_SOCKET: unsupported address \"" + address
                + "\" (expected an absolute path or @abstract name)");
    }

    /** WATCHDOG_USEC when it is set, positive and meant for {@code pid}. */
    public static Optional<Duration> watchdogTimeout(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return Optional.empty();
        }
        String forPid = env.get("WATCHDOG_PID");
        try {
            if (forPid != null && !forPid.isEmpty() && Long.parseLong(forPid) != pid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec);
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Whether NOTIFY_SOCKET was set. */
    public boolean enabled() {
        return target != null;
    }

    /** Half of WATCHDOG_USEC, when the watchdog is on for this process. */
    public Optional<Duration> watchdogInterval() {
        return Optional.ofNullable(watchdogInterval);
    }

    /** READY=1 with a STATUS= line. */
    public void ready(String status) throws IOException {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    public void status(String status) throws IOException {
        send("STATUS=" + oneLine(status));
    }

    /** RELOADING=1 with MONOTONIC_USEC, as Type=notify-reload wants; end it with {@link #ready}. */
    public void reloading() throws IOException {
        send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros());
    }

    public void stopping() throws IOException {
        send("STOPPING=1");
    }

    public void watchdog() throws IOException {
        send("WATCHDOG=1");
    }

    /**
     * Sends WATCHDOG=1 every half WATCHDOG_USEC on a daemon thread until {@link #close}; does nothing when
     * the watchdog is off or NOTIFY_SOCKET is unset. Returns whether the pings were started.
     */
    public synchronized boolean startWatchdog() {
        if (watchdogInterval == null || target == null || watchdog != null) {
            return false;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sd-watchdog");
            t.setDaemon(true);
            return t;
        });
        long micros = Math.max(1, watchdogInterval.toNanos() / 1000);
        watchdog.scheduleAtFixedRate(() -> {
            try {
                watchdog();
            } catch (IOException e) {
                // systemd may be re-executing; the next ping retries, and a missed one is what the watchdog is for.
            }
        }, 0, micros, TimeUnit.MICROSECONDS);
        return true;
    }

    /** Sends state lines as they are ("KEY=value" separated by newlines). */
    public void send(String state) throws IOException {
        if (target == null) {
            return;
        }
        byte[] data = state.getBytes(StandardCharsets.UTF_8);
        // Not connected: each datagram goes to the address, so a systemd re-exec that re-binds the socket is harmless.
        synchronized (socket) {
            socket.getChannel().send(ByteBuffer.wrap(data), target);
        }
    }

    /** CLOCK_MONOTONIC in microseconds: HotSpot's System.nanoTime() reads CLOCK_MONOTONIC on Linux. */
    static long monotonicMicros() {
        return System.nanoTime() / 1000;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        if (socket != null) {
            socket.close();
        }
    }
}
