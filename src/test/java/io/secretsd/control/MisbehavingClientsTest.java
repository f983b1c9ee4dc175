package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.control.ControlServerTest.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that break the rules are dropped; clients that keep them are served all the while. */
class MisbehavingClientsTest {
    @TempDir
    Path dir;

    private TestDaemon daemon(Duration idle) throws IOException {
        return new TestDaemon(dir, AccessPolicy.ownerOnly(), new ControlServer.Limits(64 * 1024, idle, 4096, 1024));
    }

    @Test
    void garbageIsDroppedAndOthersAreServed() throws Exception {
        try (TestDaemon d = daemon(Duration.ofSeconds(30)); ControlClient good = ControlClient.connect(d.socket)) {
            List<byte[]> garbage = List.of(
                    "{not json".getBytes(StandardCharsets.UTF_8),
                    "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                    "{\"parameters\":{}}".getBytes(StandardCharsets.UTF_8),
                    "{\"method\":42}".getBytes(StandardCharsets.UTF_8),
                    "{\"method\":\"org.varlink.service.GetInfo\"} trailing".getBytes(StandardCharsets.UTF_8),
                    "[".repeat(10_000).getBytes(StandardCharsets.UTF_8),
                    new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"'},
                    "\"\\ud800\u0001\"".getBytes(StandardCharsets.UTF_8));
            for (byte[] g : garbage) {
                try (RawClient raw = new RawClient(d.socket)) {
                    raw.out.write(g);
                    raw.out.write(0);
                    raw.out.flush();
                    assertTrue(raw.closedByServer(), new String(g, StandardCharsets.UTF_8));
                }
                assertEquals(7, good.status().generation());
            }
        }
    }

    @Test
    void oversizedMessageIsDroppedBeforeItIsBufferedWhole() throws Exception {
        try (TestDaemon d = daemon(Duration.ofSeconds(30)); ControlClient good = ControlClient.connect(d.socket); RawClient raw = new RawClient(d.socket)) {
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            long sent = 0;
            try {
                raw.out.write("{\"method\":\"org.varlink.service.GetInfo\",\"x\":\"".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 4096; i++) { // 64 MiB, far past the cap: the server must hang up first
                    raw.out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException expected) {
                // broken pipe: the server closed the connection
            }
            assertTrue(sent < 4096L * chunk.length, "server read 64 MiB of one message without hanging up");
            assertTrue(raw.closedByServer());
            assertEquals(7, good.status().generation());
        }
    }

    @Test
    void silentAndTricklingClientsAreDroppedAfterTheIdleTimeout() throws Exception {
        try (TestDaemon d = daemon(Duration.ofMillis(500)); RawClient silent = new RawClient(d.socket); RawClient trickle = new RawClient(d.socket)) {
            long start = System.nanoTime();
            Thread trickler = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        trickle.out.write('{');
                        trickle.out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // dropped
                }
            });
            try (ControlClient good = ControlClient.connect(d.socket)) {
                assertEquals(7, good.status().generation());
            }
            assertTrue(silent.closedByServer());
            assertTrue(trickle.closedByServer());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 3000, "dropped after " + ms + " ms");
            trickler.join();
        }
    }

    @Test
    void aQuietSubscriberOutlivesTheIdleTimeout() throws Exception {
        try (TestDaemon d = daemon(Duration.ofMillis(200)); RawClient raw = new RawClient(d.socket)) {
            raw.send("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}");
            ControlServerTest.waitFor(() -> d.events.subscribers() == 1);
            Thread.sleep(700);
            d.events.publish(new ControlEvent.Changed(java.time.Instant.now(), 8, EntryStatus.Kind.SECRET, "a", "/run/secrets/a", ControlEvent.Change.MODIFIED));
            assertEquals(Boolean.TRUE, Json.parseObject(raw.receive()).get("continues"));
        }
    }

    @Test
    void clientsPastTheLimitAreTurnedAwayAndTheRestServed() throws Exception {
        try (TestDaemon d = new TestDaemon(dir, AccessPolicy.ownerOnly(), new ControlServer.Limits(64 * 1024, Duration.ofSeconds(30), 3, 16));
                RawClient a = new RawClient(d.socket); RawClient b = new RawClient(d.socket); RawClient c = new RawClient(d.socket)) {
            ControlServerTest.waitFor(() -> d.server.clients() == 3);
            try (RawClient extra = new RawClient(d.socket)) {
                assertTrue(extra.closedByServer());
            }
            a.send("{\"method\":\"org.varlink.service.GetInfo\"}");
            assertTrue(Json.parseObject(a.receive()).containsKey("parameters"));
        }
    }

    @Test
    void aThousandConcurrentStatusClients() throws Exception {
        int n = 1000;
        try (TestDaemon d = daemon(Duration.ofSeconds(30)); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch connected = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    try (ControlClient c = ControlClient.connect(d.socket)) {
                        connected.countDown();
                        go.await();
                        return c.status().entries().size();
                    }
                }));
            }
            assertTrue(connected.await(30, TimeUnit.SECONDS), "not all clients connected");
            ControlServerTest.waitFor(() -> d.server.clients() == n);
            go.countDown();
            for (Future<Integer> f : results) assertEquals(3, f.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsCutOffByItsWriteTime() throws Exception {
        // Fewer events than the hub's queue holds and than the subscriber backlog: only the time its
        // replies wait unread can tell that this subscriber is gone for good.
        try (TestDaemon d = daemon(Duration.ofMillis(500)); RawClient raw = new RawClient(d.socket)) {
            raw.send("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}");
            ControlServerTest.waitFor(() -> d.events.subscribers() == 1);
            String error = "x".repeat(280);
            for (int i = 0; i < 1000; i++) {
                d.events.publish(new ControlEvent.Failed(java.time.Instant.now(), EntryStatus.Kind.SECRET, "s" + i, error));
                if (i % 100 == 99) Thread.sleep(20);
            }
            ControlServerTest.waitFor(() -> d.events.subscribers() == 0);
            ControlServerTest.waitFor(() -> d.server.clients() == 0);
            try (ControlClient good = ControlClient.connect(d.socket)) {
                assertEquals(7, good.status().generation());
            }
        }
    }

    @Test
    void slowSubscribersHoldBoundedMemoryAndNoThreads() throws Exception {
        int n = 20;
        try (TestDaemon d = daemon(Duration.ofSeconds(30))) {
            List<RawClient> subscribers = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    RawClient raw = new RawClient(d.socket);
                    subscribers.add(raw);
                    raw.send("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}");
                }
                ControlServerTest.waitFor(() -> d.events.subscribers() == n);
                long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("control")).count();
                assertTrue(threads <= 1, threads + " control threads for " + n + " subscribers");
                // each subscriber is cut off once its unread events pass the bound, long before the hub's queue
                String error = "x".repeat(280);
                for (int i = 0; i < 5000 && d.events.subscribers() > 0; i++) {
                    d.events.publish(new ControlEvent.Failed(java.time.Instant.now(), EntryStatus.Kind.SECRET, "s" + i, error));
                    if (i % 100 == 99) Thread.sleep(5);
                }
                ControlServerTest.waitFor(() -> d.events.subscribers() == 0);
            } finally {
                for (RawClient r : subscribers) r.close();
            }
        }
    }

    @Test
    void aSlowSubscriberIsCutOffWithoutStallingThePublisher() throws Exception {
        try (TestDaemon d = daemon(Duration.ofSeconds(30)); RawClient raw = new RawClient(d.socket)) {
            raw.send("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}");
            ControlServerTest.waitFor(() -> d.events.subscribers() == 1);
            long start = System.nanoTime();
            // the subscriber never reads: socket buffers fill, then its queue, then it is dropped
            for (int i = 0; i < 200_000 && d.events.subscribers() > 0; i++) {
                d.events.publish(new ControlEvent.Failed(java.time.Instant.now(), EntryStatus.Kind.SECRET, "s" + i, "x".repeat(100)));
            }
            assertEquals(0, d.events.subscribers());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            try (ControlClient good = ControlClient.connect(d.socket)) {
                assertEquals(7, good.status().generation());
            }
        }
    }
}
