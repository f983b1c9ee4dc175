package io.secretsd.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A control server on a scratch socket, fed by a publisher and an event hub the test drives. */
final class TestDaemon implements AutoCloseable {
    final Path socket;
    final StatusPublisher status;
    final EventHub events = new EventHub();
    final AtomicInteger reloads = new AtomicInteger();
    volatile String reloadFailure;
    final ControlServer server;

    TestDaemon(Path dir, AccessPolicy policy, ControlServer.Limits limits) throws IOException {
        // World-searchable, so a client run as nobody reaches the socket.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        socket = dir.resolve("io.secretsd.Manager");
        status = new StatusPublisher(snapshot());
        ReloadHandler reload = () -> {
            reloads.incrementAndGet();
            if (reloadFailure != null) throw new IOException(reloadFailure);
        };
        server = ControlServer.start(socket, new ControlServer.Service(status, events, reload, policy), limits);
    }

    TestDaemon(Path dir) throws IOException {
        this(dir, AccessPolicy.ownerOnly(), ControlServer.Limits.DEFAULT);
    }

    static StatusSnapshot snapshot() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new StatusSnapshot("1.2.3", t.minusSeconds(90), 7, t.minusSeconds(5), StatusSnapshot.Outcome.OK, null, List.of(
                new EntryStatus(EntryStatus.Kind.SECRET, "db/password", "/run/secrets/db/password", "postgres", "postgres",
                        0400, "/etc/secrets/db.yaml", EntryStatus.State.OK, t.minusSeconds(60), null),
                new EntryStatus(EntryStatus.Kind.SECRET, "api-key", "/run/secrets/api-key", "root", "root",
                        0440, "/etc/secrets/api.yaml", EntryStatus.State.FAILED, null, "/etc/secrets/api.yaml: no key could decrypt the data key"),
                new EntryStatus(EntryStatus.Kind.TEMPLATE, "app.env", "/run/secrets-rendered/app.env", "app", "app",
                        0600, "/etc/secrets/app.env.tmpl", EntryStatus.State.PENDING, null, null)));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
