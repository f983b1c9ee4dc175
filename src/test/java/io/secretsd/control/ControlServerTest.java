package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

class ControlServerTest {
    @TempDir
    Path dir;

    @Test
    void getInfoNamesBothInterfaces() throws IOException {
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            Map<String, Object> info = c.call("org.varlink.service.GetInfo", Map.of());
            assertEquals("1.2.3", info.get("version"));
            assertEquals(List.of("org.varlink.service", "io.secretsd.Manager"), info.get("interfaces"));
            assertTrue(info.containsKey("vendor") && info.containsKey("product") && info.containsKey("url"));
        }
    }

    @Test
    void interfaceDescriptionsAreIdlOfTheirInterface() throws IOException {
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            for (String iface : List.of("org.varlink.service", "io.secretsd.Manager")) {
                String idl = (String) c.call("org.varlink.service.GetInterfaceDescription", Map.of("interface", iface)).get("description");
                assertTrue(idl.lines().anyMatch(l -> l.equals("interface " + iface)), idl);
            }
            String manager = (String) c.call("org.varlink.service.GetInterfaceDescription", Map.of("interface", "io.secretsd.Manager")).get("description");
            for (String m : List.of("GetStatus", "Reload", "Subscribe")) assertTrue(manager.contains("method " + m + "("), m);
            VarlinkError e = assertThrows(VarlinkError.class,
                    () -> c.call("org.varlink.service.GetInterfaceDescription", Map.of("interface", "org.example.Nope")));
            assertEquals("org.varlink.service.InterfaceNotFound", e.name());
            assertEquals("org.example.Nope", e.parameters().get("interface"));
            e = assertThrows(VarlinkError.class, () -> c.call("org.varlink.service.GetInterfaceDescription", Map.of()));
            assertEquals("org.varlink.service.InvalidParameter", e.name());
            assertEquals("interface", e.parameters().get("parameter"));
        }
    }

    @Test
    void unknownMethodsAndInterfacesAndParameters() throws IOException {
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            VarlinkError e = assertThrows(VarlinkError.class, () -> c.call("io.secretsd.Manager.Explode", Map.of()));
            assertEquals("org.varlink.service.MethodNotFound", e.name());
            assertEquals("io.secretsd.Manager.Explode", e.parameters().get("method"));
            e = assertThrows(VarlinkError.class, () -> c.call("org.example.Thing.Do", Map.of()));
            assertEquals("org.varlink.service.InterfaceNotFound", e.name());
            e = assertThrows(VarlinkError.class, () -> c.call("io.secretsd.Manager.GetStatus", Map.of("verbose", true)));
            assertEquals("org.varlink.service.InvalidParameter", e.name());
            assertEquals("verbose", e.parameters().get("parameter"));
            e = assertThrows(VarlinkError.class, () -> c.call("io.secretsd.Manager.Subscribe", Map.of()));
            assertEquals("org.varlink.service.ExpectedMore", e.name());
            // the connection survives errors
            assertEquals(7, c.status().generation());
        }
    }

    @Test
    void statusRoundTripsEveryField() throws IOException {
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            StatusSnapshot sent = d.status.current();
            StatusSnapshot got = c.status();
            assertEquals(sent.entries(), got.entries());
            assertEquals(sent.version(), got.version());
            assertEquals(sent.generation(), got.generation());
            assertEquals(sent.lastActivation(), got.lastActivation());
            assertEquals(sent.lastOutcome(), got.lastOutcome());
            long skew = Math.abs(Duration.between(sent.startedAt(), got.startedAt()).toSeconds());
            assertTrue(skew <= 2, "uptime off by " + skew + " s");
            assertFalse(got.healthy());

            Map<String, Object> json = c.statusJson();
            @SuppressWarnings("unchecked")
            Map<String, Object> first = ((List<Map<String, Object>>) json.get("entries")).get(0);
            assertEquals("0400", first.get("mode"));
            assertEquals("secret", first.get("kind"));
            assertEquals("ok", first.get("state"));
            @SuppressWarnings("unchecked")
            Map<String, Object> daemon = (Map<String, Object>) json.get("daemon");
            assertTrue(((Long) daemon.get("uptimeSeconds")) >= 89);

            StatusSnapshot next = new StatusSnapshot("1.2.3", sent.startedAt(), 8, Instant.now(), StatusSnapshot.Outcome.OK, null, List.of());
            d.status.publish(next);
            assertEquals(8, c.status().generation());
            assertTrue(c.status().healthy());
        }
    }

    @Test
    void reloadCallsTheDaemonAndReportsItsFailure() throws IOException {
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            c.reload();
            assertEquals(1, d.reloads.get());
            d.reloadFailure = "/etc/secretsd/manifest.json: secrets.x.sopsFile: no such file";
            VarlinkError e = assertThrows(VarlinkError.class, c::reload);
            assertEquals("io.secretsd.Manager.ReloadFailed", e.name());
            assertEquals(d.reloadFailure, e.parameters().get("reason"));
            assertEquals(2, d.reloads.get());
        }
    }

    @Test
    void subscribeStreamsChangesAndFailures() throws Exception {
        try (TestDaemon d = new TestDaemon(dir)) {
            BlockingQueue<ControlEvent> got = new LinkedBlockingQueue<>();
            ControlClient c = ControlClient.connect(d.socket);
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    c.events(got::add);
                } catch (IOException e) {
                    // closed by the test
                }
            });
            waitFor(() -> d.events.subscribers() == 1);
            Instant now = Instant.parse("2026-11-28T22:00:00.123Z");
            ControlEvent changed = new ControlEvent.Changed(now, 8, EntryStatus.Kind.SECRET, "db/password", "/run/secrets/db/password", ControlEvent.Change.MODIFIED);
            ControlEvent failed = new ControlEvent.Failed(now, EntryStatus.Kind.TEMPLATE, "app.env", "template app.env: no placeholder api-key");
            ControlEvent whole = new ControlEvent.Failed(now, null, "manifest", "/etc/secretsd/manifest.json: invalid");
            d.events.publish(changed);
            d.events.publish(failed);
            d.events.publish(whole);
            assertEquals(changed, got.poll(5, TimeUnit.SECONDS));
            assertEquals(failed, got.poll(5, TimeUnit.SECONDS));
            assertEquals(whole, got.poll(5, TimeUnit.SECONDS));
            c.close();
            t.join(5000);
            waitFor(() -> d.events.subscribers() == 0);
        }
    }

    @Test
    void subscribeRepliesSayTheyContinue() throws Exception {
        try (TestDaemon d = new TestDaemon(dir); RawClient raw = new RawClient(d.socket)) {
            raw.send("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}");
            waitFor(() -> d.events.subscribers() == 1);
            d.events.publish(new ControlEvent.Changed(Instant.now(), 9, EntryStatus.Kind.SECRET, "a", "/run/secrets/a", ControlEvent.Change.ADDED));
            Map<String, Object> reply = Json.parseObject(raw.receive());
            assertEquals(Boolean.TRUE, reply.get("continues"));
            assertInstanceOf(ControlEvent.Changed.class, Wire.event(Wire.object(reply, "parameters")));
        }
    }

    @Test
    void onewayCallsGetNoReply() throws Exception {
        try (TestDaemon d = new TestDaemon(dir); RawClient raw = new RawClient(d.socket)) {
            raw.send("{\"method\":\"io.secretsd.Manager.Reload\",\"oneway\":true}");
            raw.send("{\"method\":\"org.varlink.service.GetInfo\"}");
            Map<String, Object> reply = Json.parseObject(raw.receive());
            assertEquals("1.2.3", Wire.object(reply, "parameters").get("version"));
            assertEquals(1, d.reloads.get());
        }
    }

    @Test
    void pipelinedCallsAreAnsweredInOrder() throws Exception {
        try (TestDaemon d = new TestDaemon(dir); RawClient raw = new RawClient(d.socket)) {
            raw.out.write(("{\"method\":\"org.varlink.service.GetInfo\"}\0{\"method\":\"io.secretsd.Manager.GetStatus\"}\0")
                    .getBytes(StandardCharsets.UTF_8));
            raw.out.flush();
            assertTrue(Wire.object(Json.parseObject(raw.receive()), "parameters").containsKey("interfaces"));
            assertTrue(Wire.object(Json.parseObject(raw.receive()), "parameters").containsKey("entries"));
        }
    }

    @Test
    void socketIsWorldConnectableAndStaleFilesAreReplaced() throws IOException {
        Path socket = dir.resolve("io.secretsd.Manager");
        // a stale socket: bound, then its server gone without unlinking
        AFUNIXServerSocket old = AFUNIXServerSocket.newInstance();
        old.bind(AFUNIXSocketAddress.of(socket));
        old.setDeleteOnClose(false);
        old.close();
        assertTrue(Files.exists(socket));
        try (TestDaemon d = new TestDaemon(dir); ControlClient c = ControlClient.connect(d.socket)) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals(7, c.status().generation());
            // a live daemon's socket is not taken over
            IOException e = assertThrows(FileAlreadyExistsException.class, () -> new TestDaemon(dir));
            assertTrue(e.getMessage().contains("listening"), e.getMessage());
            assertEquals(7, c.status().generation());
        }
        assertFalse(Files.exists(socket), "the socket file is removed on close");
        Files.writeString(socket, "not a socket");
        IOException e = assertThrows(FileAlreadyExistsException.class, () -> new TestDaemon(dir));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("not a socket", Files.readString(socket));
    }

    @Test
    void servesAnAlreadyBoundSocket() throws IOException {
        Path socket = dir.resolve("activated.sock");
        AFUNIXServerSocket bound = AFUNIXServerSocket.newInstance();
        bound.bind(AFUNIXSocketAddress.of(socket));
        StatusPublisher status = new StatusPublisher(TestDaemon.snapshot());
        try (ControlServer s = ControlServer.start(bound, new ControlServer.Service(status, new EventHub(), () -> {}, AccessPolicy.ownerOnly()), ControlServer.Limits.DEFAULT);
                ControlClient c = ControlClient.connect(socket)) {
            assertEquals(3, c.status().entries().size());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(5);
        }
    }

    /** A client that speaks bytes, for what ControlClient would never send. */
    static final class RawClient implements AutoCloseable {
        final SocketChannel channel;
        final OutputStream out;
        final InputStream in;
        final MessageReader reader;

        RawClient(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            out = Channels.newOutputStream(channel);
            in = Channels.newInputStream(channel);
            reader = new MessageReader(in, 1 << 20);
        }

        void send(String json) throws IOException {
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
        }

        String receive() throws IOException {
            String s = reader.next(0);
            assertNull(s == null ? "closed" : null, "connection closed");
            return s;
        }

        /** True when the server has closed the connection (read sees end of stream). */
        boolean closedByServer() throws IOException {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
