package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.FakeSystemd;
import io.secretsd.testing.PrivateDbus;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * `secretsd run --units systemd` as a real process against a private dbus-daemon where a test service in
 * this JVM owns org.freedesktop.systemd1 and records the calls: the units of what changed are restarted or
 * reloaded once per change set, nothing for the first activation or for a re-encryption of the same values,
 * a burst of rewrites coalesced without a loop, and a failed job logged without stopping the daemon.
 */
class DaemonUnitsIT {
    static final String RESTART = "TryRestartUnit ";
    static final String RELOAD = "ReloadOrTryRestartUnit ";

    static Path dir;
    static Path mount;
    static String recipient;
    static DaemonHarness d;

    @BeforeAll
    static void setUp() throws IOException {
        DaemonHarness.requireRoot();
        dir = Files.createTempDirectory("secretsd-units-it");
        d = new DaemonHarness(dir);
        mount = dir.resolve("secrets.d");
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("a.yaml"));
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("b.yaml"));
        recipient = DaemonHarness.vectorRecipient();
        String pa = "<SOPS:" + "a".repeat(64) + ":PLACEHOLDER>";
        String pb = "<SOPS:" + "b".repeat(64) + ":PLACEHOLDER>";
        Files.writeString(dir.resolve("manifest.json"), """
                {"ageKeyFile":"%1$s","keepGenerations":3,"placeholderBySecretName":{"a":"%2$s","b":"%3$s"},
                 "secrets":[
                  {"format":"yaml","key":"test_key","mode":"0400","name":"a","path":"%4$s/secrets/a",
                   "restartUnits":["a.service","shared.service"],"reloadUnits":["r.service"],"sopsFile":"%4$s/a.yaml"},
                  {"format":"yaml","key":"test_key","mode":"0400","name":"b","path":"%4$s/secrets/b",
                   "restartUnits":["b.service"],"reloadUnits":["shared.service"],"sopsFile":"%4$s/b.yaml"}],
                 "secretsMountPoint":"%5$s","symlinkPath":"%4$s/secrets",
                 "templates":[{"content":"A is %2$s","name":"t","mode":"0400","path":"%4$s/secrets/rendered/t",
                   "restartUnits":["t.service"],"reloadUnits":[]}]}
                """.formatted(Vectors.sopsNix("age-keys.txt"), pa, pb, dir, mount));
    }

    @AfterAll
    static void tearDown() {
        Proc.run("umount", "-l", mount.toString());
    }

    static long count(FakeSystemd systemd, String call) {
        return systemd.calls.stream().filter(c -> c.equals(call + " replace")).count();
    }

    /** Job calls (not Subscribe) so far. */
    static List<String> jobs(FakeSystemd systemd) {
        return systemd.calls.stream().filter(c -> !c.equals("Subscribe")).toList();
    }

    /** The daemon serialises activations: a `secretsctl reload` returns after every change set queued before it. */
    static void barrier() {
        Proc.Result r = Proc.run(Proc.dist("secretsctl"), "reload", "--socket", d.socket().toString());
        assertEquals(0, r.exit(), r + "; log: " + d.log());
    }

    /** The daemon's "changed: [paths]; re-activating" lines naming a.yaml (not its temporary .a.yaml.tmp). */
    static long seenA() {
        String a = dir.resolve("a.yaml").toString();
        return d.log().lines().filter(l -> l.contains("changed: [") && (l.contains(a + ",") || l.contains(a + "]"))).count();
    }

    /** Rewrites a.yaml and waits until the daemon has seen the change (its "changed:" log line). */
    static void rewriteA(byte[] content) throws Exception {
        long before = seenA();
        d.rewrite("a.yaml", content);
        d.await("the daemon to see a.yaml change", () -> seenA() > before);
    }

    @Test
    void unitsRestartedOncePerChange() throws Exception {
        Map<String, String> results = new ConcurrentHashMap<>();
        Path notifyPath = dir.resolve("notify.sock");
        try (PrivateDbus bus = new PrivateDbus(dir);
                FakeSystemd systemd = new FakeSystemd(bus.address, results);
                AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process daemon = d.start(notifyPath, Map.of("DBUS_SYSTEM_BUS_ADDRESS", bus.address), "--units", "systemd");
            try {
                d.ready(notify);
                assertEquals("test_value", d.read("a"));
                assertEquals("A is test_value", d.read("rendered/t"));
                assertEquals(List.of(), jobs(systemd), "the first activation restarts nothing");

                // A changes: A's and the template's units, once each; B's not
                d.rewrite("a.yaml", d.encrypt(recipient, "test_key: alpha2\n"));
                d.await("A's units", () -> count(systemd, RESTART + "a.service") == 1 && count(systemd, RESTART + "shared.service") == 1
                        && count(systemd, RESTART + "t.service") == 1 && count(systemd, RELOAD + "r.service") == 1);
                barrier();
                assertEquals("alpha2", d.read("a"));
                assertEquals("A is alpha2", d.read("rendered/t"));
                assertEquals(4, jobs(systemd).size(), jobs(systemd).toString());

                // B changes: b.service restarted, shared.service reloaded
                systemd.calls.clear();
                d.rewrite("b.yaml", d.encrypt(recipient, "test_key: beta2\n"));
                d.await("B's units", () -> count(systemd, RESTART + "b.service") == 1 && count(systemd, RELOAD + "shared.service") == 1);
                barrier();
                assertEquals("beta2", d.read("b"));
                assertEquals(2, jobs(systemd).size(), jobs(systemd).toString());

                // A re-encrypted with the same value: new ciphertext, unchanged content, no unit touched
                systemd.calls.clear();
                String generation = Files.readSymbolicLink(dir.resolve("secrets")).toString();
                rewriteA(d.encrypt(recipient, "test_key: alpha2\n"));
                barrier();
                assertEquals("alpha2", d.read("a"));
                assertEquals(List.of(), jobs(systemd), "unchanged content restarted units; generation before " + generation);

                // a burst of 5 rewrites: one change set (two if the daemon woke in the middle), no loop
                List<byte[]> burst = new ArrayList<>();
                for (int i = 1; i <= 5; i++) burst.add(d.encrypt(recipient, "test_key: burst" + i + "\n"));
                for (byte[] b : burst) d.rewrite("a.yaml", b);
                d.await("the last value of the burst", () -> "burst5".equals(d.read("a")) && "A is burst5".equals(d.read("rendered/t")));
                d.await("the burst's restarts", () -> count(systemd, RESTART + "t.service") >= 1);
                barrier();
                long sets = count(systemd, RESTART + "a.service");
                assertTrue(sets >= 1 && sets <= 2, "a burst of 5 rewrites gave " + sets + " change sets: " + jobs(systemd));
                assertEquals(sets, count(systemd, RESTART + "t.service"), jobs(systemd).toString());
                assertEquals(sets, count(systemd, RESTART + "shared.service"), jobs(systemd).toString());
                assertEquals(sets, count(systemd, RELOAD + "r.service"), jobs(systemd).toString());
                assertEquals(4 * sets, jobs(systemd).size(), jobs(systemd).toString());
                // Restarting units touches no watched file: nothing more comes while we keep looking.
                long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < quietUntil) {
                    assertEquals(4 * sets, jobs(systemd).size(), "restarts went on after the burst: " + jobs(systemd));
                    Thread.sleep(50);
                }

                // a failed job is logged, and the daemon keeps serving
                systemd.calls.clear();
                results.put("b.service", "failed");
                d.rewrite("b.yaml", d.encrypt(recipient, "test_key: beta3\n"));
                d.await("the failed restart in the log", () -> d.log().contains("restart b.service: failed"));
                assertTrue(daemon.isAlive(), "a failed job stopped the daemon; log: " + d.log());
                List<String> failedLines = d.log().lines().filter(l -> l.contains("restart b.service: failed")).toList();
                assertEquals(1, failedLines.size(), "the failed job is logged once: " + failedLines);
                assertTrue(failedLines.getFirst().contains("WARN"), "a failed job is a warning: " + failedLines);
                results.remove("b.service");
                systemd.calls.clear();
                d.rewrite("a.yaml", d.encrypt(recipient, "test_key: alpha4\n"));
                d.await("A's units after the failure", () -> count(systemd, RESTART + "a.service") == 1);
                assertEquals("alpha4", d.read("a"));
                assertTrue(daemon.isAlive());

                String log = d.log();
                for (String value : List.of("alpha2", "beta2", "beta3", "alpha4", "burst1", "burst5")) {
                    assertTrue(!log.contains(value), "the log shows a secret value: " + value);
                }
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) daemon.destroyForcibly();
            }
        }
    }
}
