package io.secretsd.bench;

import io.secretsd.control.AccessPolicy;
import io.secretsd.control.ControlClient;
import io.secretsd.control.ControlServer;
import io.secretsd.control.EntryStatus;
import io.secretsd.control.EventHub;
import io.secretsd.control.StatusPublisher;
import io.secretsd.control.StatusSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Status queries per second and latency percentiles with concurrent clients, client and server in
 * this JVM on the same cores (a pessimistic set-up). Not a test. Usage:
 * {@code java -cp ... io.secretsd.bench.ControlStatusBench [clients=50] [seconds=10] [entries=20] [reconnect=false]}
 * With {@code serve PATH}, only serves a status of that many entries at PATH until killed (for timing
 * {@code secretsctl status}).
 */
public final class ControlStatusBench {
    /** Clients that read each reply up to its NUL without decoding it: the server's cost alone. */
    static boolean raw;

    private static final byte[] CALL = "{\"method\":\"io.secretsd.Manager.GetStatus\"}\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** One GetStatus call over a raw channel; the reply is read up to its NUL and checked for an error. */
    static void rawCall(java.nio.channels.SocketChannel ch, java.nio.ByteBuffer buf) throws java.io.IOException {
        java.nio.ByteBuffer call = java.nio.ByteBuffer.wrap(CALL);
        while (call.hasRemaining()) ch.write(call);
        buf.clear();
        while (true) {
            int pos = buf.position();
            if (ch.read(buf) < 0) throw new java.io.EOFException();
            for (int i = pos; i < buf.position(); i++) {
                if (buf.get(i) == 0) {
                    if (buf.get(2) != 'p') throw new java.io.IOException("error reply");
                    return;
                }
            }
            if (!buf.hasRemaining()) throw new java.io.IOException("reply too long for the bench buffer");
        }
    }

    static java.nio.channels.SocketChannel rawConnect(Path socket) throws java.io.IOException {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.connect(java.net.UnixDomainSocketAddress.of(socket));
        return ch;
    }
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20);
            return;
        }
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean reconnect = args.length > 3 && Boolean.parseBoolean(args[3]);
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        raw = args.length > 5 && Boolean.parseBoolean(args[5]);
        Path dir = Files.createTempDirectory("control-bench");
        Path socket = dir.resolve("io.secretsd.Manager");
        try (ControlServer server = start(socket, entries)) {
            run(socket, clients, 2, reconnect, rate); // warm-up
            long[] lat = run(socket, clients, seconds, reconnect, rate);
            Arrays.sort(lat);
            System.out.printf("clients=%d entries=%d reconnect=%s offered=%s decode=%s: %d queries in %d s = %.0f/s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    clients, entries, reconnect, rate == 0 ? "max" : rate + "/s", !raw, lat.length, seconds, lat.length / (double) seconds,
                    lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6, lat[lat.length - 1] / 1e6);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    static ControlServer start(Path socket, int entries) throws Exception {
        List<EntryStatus> list = new ArrayList<>();
        Instant t = Instant.now();
        for (int i = 0; i < entries; i++) {
            list.add(new EntryStatus(EntryStatus.Kind.SECRET, "service" + i + "/password", "/run/secrets/service" + i + "/password",
                    "service" + i, "service" + i, 0400, "/etc/secrets/service" + i + ".yaml",
                    i % 10 == 9 ? EntryStatus.State.FAILED : EntryStatus.State.OK, t, i % 10 == 9 ? "/etc/secrets/service" + i + ".yaml: no key" : null));
        }
        StatusPublisher status = new StatusPublisher(new StatusSnapshot("bench", t, 1, t, StatusSnapshot.Outcome.OK, null, list));
        return ControlServer.start(socket, new ControlServer.Service(status, new EventHub(), () -> {}, AccessPolicy.ownerOnly()),
                ControlServer.Limits.DEFAULT);
    }

    static void serve(Path socket, int entries) throws Exception {
        try (ControlServer server = start(socket, entries)) {
            System.out.println("serving " + socket);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Closed loop when {@code rate} is 0 (each client calls again as soon as it has its reply); else an
     * open loop at {@code rate} calls per second over all clients, each call's latency counted from
     * when it was due, so a stall shows in the figures instead of lowering the offered load.
     */
    static long[] run(Path socket, int clients, int seconds, boolean reconnect, int rate) throws Exception {
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * clients / rate;
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long end = begin + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) perClient.add(new long[2_000_000 / clients]);
        // The bench's own arrays go to the old generation now, not copied in a young pause mid-run.
        System.gc();
        for (int c = 0; c < clients; c++) {
            long[] lat = perClient.get(c);
            int me = c;
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    ControlClient client = reconnect || raw ? null : ControlClient.connect(socket);
                    java.nio.channels.SocketChannel rawCh = raw && !reconnect ? rawConnect(socket) : null;
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 << 10);
                    int n = 0;
                    long due = begin + interval * me / Math.max(1, clients);
                    while (System.nanoTime() < end && n < lat.length) {
                        long t0 = System.nanoTime();
                        if (interval > 0) {
                            while (t0 < due) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
                                t0 = System.nanoTime();
                            }
                            t0 = due;
                            due += interval;
                        }
                        if (raw && reconnect) {
                            try (var once = rawConnect(socket)) {
                                rawCall(once, buf);
                            }
                        } else if (raw) {
                            rawCall(rawCh, buf);
                        } else if (reconnect) {
                            try (ControlClient once = ControlClient.connect(socket)) {
                                once.status();
                            }
                        } else {
                            client.status();
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                    counts[me] = n;
                    if (client != null) client.close();
                    if (rawCh != null) rawCh.close();
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, pos, counts[c]);
            pos += counts[c];
        }
        return all;
    }
}
