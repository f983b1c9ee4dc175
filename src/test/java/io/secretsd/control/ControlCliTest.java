package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secretsctl status, reload and events as real processes against a real server. */
class ControlCliTest {
    @TempDir
    Path dir;

    private static List<String> secretsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + args[0],
                "-cp", System.getProperty("java.class.path"), "io.secretsd.cli.ControlCommandsMain"));
        cmd.addAll(List.of(args).subList(1, args.length));
        return cmd;
    }

    @Test
    void statusPrintsATableAndExits3WhenSomethingFailed() throws Exception {
        try (TestDaemon d = new TestDaemon(dir)) {
            Path log = dir.resolve("classes.log");
            Proc.Result r = Proc.run(null, Map.of(), secretsctl(log.toString(), "status", "--socket", d.socket.toString()));
            assertEquals(3, r.exit(), r.toString());
            String out = r.out();
            assertTrue(out.startsWith("secretsd 1.2.3, up 1m3"), out);
            assertTrue(out.contains("generation 7"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("NAME ") && l.contains("STATE") && l.contains("OWNER:GROUP")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("db/password ") && l.contains(" ok ") && l.contains("0400") && l.contains("postgres:postgres")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("api-key ") && l.contains("FAILED")), out);
            assertTrue(out.contains("api-key: /etc/secrets/api.yaml: no key could decrypt the data key"), out);

            // the status path loads no YAML, OpenPGP, BouncyCastle, D-Bus or junixsocket classes
            String classes = java.nio.file.Files.readString(log);
            for (String heavy : List.of("org.snakeyaml", "org.bouncycastle", "org.freedesktop", "org.newsclub",
                    "io.secretsd.sops", "io.secretsd.pgp", "io.secretsd.age", "com.fasterxml", "org.slf4j")) {
                assertFalse(classes.contains(" " + heavy), heavy + " loaded by secretsctl status");
            }

            d.status.publish(new StatusSnapshot("1.2.3", Instant.now(), 8, Instant.now(), StatusSnapshot.Outcome.OK, null,
                    List.of(TestDaemon.snapshot().entries().get(0))));
            r = Proc.run(null, Map.of(), secretsctl(log.toString(), "status", "--socket", d.socket.toString()));
            assertEquals(0, r.exit(), r.toString());
            r = Proc.run(null, Map.of(), secretsctl(log.toString(), "status", "--json", "--socket", d.socket.toString()));
            assertEquals(0, r.exit(), r.toString());
            Map<String, Object> json = Json.parseObject(r.out().strip());
            assertEquals(8L, Wire.object(json, "daemon").get("generation"));
        }
    }

    @Test
    void statusJsonIsTheReplyAndEnvironmentNamesTheSocket() throws Exception {
        try (TestDaemon d = new TestDaemon(dir)) {
            Proc.Result r = Proc.run(null, Map.of("SECRETSD_SOCKET", d.socket.toString()),
                    secretsctl(dir.resolve("c.log").toString(), "status", "--json"));
            assertEquals(3, r.exit(), r.toString());
            Map<String, Object> json = Json.parseObject(r.out().strip());
            assertEquals(3, ((List<?>) json.get("entries")).size());
        }
    }

    @Test
    void noDaemonIsOneLineAndExit1() {
        Proc.Result r = Proc.run(null, Map.of(), secretsctl(dir.resolve("c.log").toString(), "status", "--socket", dir.resolve("none").toString()));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("secretsctl: " + dir.resolve("none") + ": cannot connect to secretsd"), r.stderr());
    }

    @Test
    void reloadAndEvents() throws Exception {
        try (TestDaemon d = new TestDaemon(dir)) {
            Proc.Result r = Proc.run(null, Map.of(), secretsctl(dir.resolve("c.log").toString(), "reload", "--socket", d.socket.toString()));
            assertEquals(0, r.exit(), r.toString());
            assertEquals(1, d.reloads.get());
            d.reloadFailure = "manifest.json: secrets.x: no sopsFile";
            r = Proc.run(null, Map.of(), secretsctl(dir.resolve("c.log").toString(), "reload", "--socket", d.socket.toString()));
            assertEquals(1, r.exit(), r.toString());
            assertEquals("secretsctl: reload failed: manifest.json: secrets.x: no sopsFile", r.stderr().strip());

            Process events = new ProcessBuilder(secretsctl(dir.resolve("c.log").toString(), "events", "--socket", d.socket.toString()))
                    .redirectErrorStream(true).start();
            try {
                ControlServerTest.waitFor(() -> d.events.subscribers() == 1);
                Instant t = Instant.parse("2026-11-28T22:00:00Z");
                d.events.publish(new ControlEvent.Changed(t, 8, EntryStatus.Kind.SECRET, "db/password", "/run/secrets/db/password", ControlEvent.Change.MODIFIED));
                d.events.publish(new ControlEvent.Failed(t, EntryStatus.Kind.TEMPLATE, "app.env", "no placeholder api-key"));
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(events.getInputStream()));
                assertEquals("2026-11-28T22:00:00Z modified secret db/password /run/secrets/db/password (generation 8)", in.readLine());
                assertEquals("2026-11-28T22:00:00Z failed template app.env: no placeholder api-key", in.readLine());
            } finally {
                events.destroy();
                events.waitFor(10, TimeUnit.SECONDS);
            }
            ControlServerTest.waitFor(() -> d.events.subscribers() == 0);
        }
    }
}
