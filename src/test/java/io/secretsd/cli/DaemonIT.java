package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.control.ControlClient;
import io.secretsd.control.ControlEvent;
import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * `secretsd run` as a real process (as root, a real ramfs): READY over a real NOTIFY_SOCKET only once the
 * files exist, a rewritten sops file re-rendered and reported to a subscriber, a broken rewrite refused with
 * the old content kept, SIGHUP, SIGTERM, and kill -9 then restart never leaving secrets missing.
 */
class DaemonIT {
    static Path dir;
    static Path mount;
    static String recipient;
    static DaemonHarness d;

    @BeforeAll
    static void setUp() throws IOException {
        DaemonHarness.requireRoot();
        dir = Files.createTempDirectory("secretsd-daemon-it");
        d = new DaemonHarness(dir);
        mount = dir.resolve("secrets.d");
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("secrets.yaml"));
        recipient = DaemonHarness.vectorRecipient();
        String ph = "<SOPS:92488e1e3eeecdf99f3ed2ce59233efb4b4fb612d5655c0ce9ea52b5a502e655:PLACEHOLDER>";
        Files.writeString(dir.resolve("manifest.json"), """
                {"ageKeyFile":"%1$s","keepGenerations":5,"placeholderBySecretName":{"test_key":"%2$s"},
                 "secrets":[{"format":"yaml","key":"test_key","mode":"0400","name":"test_key","path":"%3$s/secrets/test_key",
                   "restartUnits":[],"reloadUnits":[],"sopsFile":"%3$s/secrets.yaml"}],
                 "secretsMountPoint":"%4$s","symlinkPath":"%3$s/secrets",
                 "templates":[{"content":"Test value: %2$s","name":"t","mode":"0400","path":"%3$s/secrets/rendered/t"}]}
                """.formatted(Vectors.sopsNix("age-keys.txt"), ph, dir, mount));
    }

    @AfterAll
    static void tearDown() {
        Proc.run("umount", "-l", mount.toString());
    }

    static Process start(Path notify) throws IOException {
        return d.start(notify, Map.of(), "--units", "none");
    }

    static String ready(AFUNIXDatagramSocket notify) throws IOException {
        return d.ready(notify);
    }

    static String log() {
        return d.log();
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        d.await(what, cond);
    }

    static String read(String rel) {
        return d.read(rel);
    }

    static void rewrite(byte[] content) throws IOException {
        d.rewrite("secrets.yaml", content);
    }

    static byte[] encrypted(String value) throws IOException {
        return d.encrypt(recipient, "test_key: " + value + "\n");
    }

    @Test
    void theDaemonsLife() throws Exception {
        Path notifyPath = dir.resolve("notify.sock");
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process daemon = start(notifyPath);
            try {
                String readyMsg = ready(notify);
                // READY comes after the first generation is in place
                assertEquals("test_value", read("test_key"), readyMsg);
                assertEquals("Test value: test_value", read("rendered/t"));

                List<ControlEvent> events = new CopyOnWriteArrayList<>();
                Thread subscriber = Thread.ofVirtual().start(() -> {
                    try (ControlClient c = ControlClient.connect(dir.resolve("ctl.sock"))) {
                        c.events(events::add);
                    } catch (IOException e) {
                        // the daemon stopped
                    }
                });
                Thread.sleep(300);

                rewrite(encrypted("second_value"));
                await("the new value", () -> "second_value".equals(read("test_key")));
                await("the re-rendered template", () -> "Test value: second_value".equals(read("rendered/t")));
                await("a change event", () -> events.stream().anyMatch(e -> e instanceof ControlEvent.Changed c && c.name().equals("test_key")));

                rewrite("test_key: ENC[AES256_GCM,data:broken".getBytes(StandardCharsets.UTF_8));
                await("a failure event", () -> events.stream().anyMatch(e -> e instanceof ControlEvent.Failed f && f.name().equals("test_key")));
                assertEquals("second_value", read("test_key"), "a broken sops file must not cost the running secret");
                Proc.Result status = Proc.run(Proc.dist("secretsctl"), "status", "--socket", dir.resolve("ctl.sock").toString());
                assertEquals(3, status.exit(), status.toString());
                assertFalse(status.out().contains("second_value"), "status must not show a value");

                String before = Files.readSymbolicLink(dir.resolve("secrets")).toString();
                Proc.run("kill", "-HUP", Long.toString(daemon.pid()));
                await("a new generation after SIGHUP", () -> {
                    try {
                        return !Files.readSymbolicLink(dir.resolve("secrets")).toString().equals(before);
                    } catch (IOException e) {
                        return false;
                    }
                });

                daemon.destroy(); // SIGTERM
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "SIGTERM did not stop the daemon");
                assertEquals("second_value", read("test_key"), "SIGTERM must leave the installed secrets in place");
                subscriber.join(5000);

                rewrite(encrypted("third_value"));
                daemon = start(notifyPath);
                ready(notify);
                assertEquals("third_value", read("test_key"));
                daemon.destroyForcibly(); // kill -9
                daemon.waitFor(30, TimeUnit.SECONDS);
                assertEquals("third_value", read("test_key"), "kill -9 must leave the installed secrets in place");
                daemon = start(notifyPath);
                ready(notify);
                assertEquals("third_value", read("test_key"));
                assertFalse(log().contains("third_value") || log().contains("second_value"), "the log shows a secret value");
            } finally {
                daemon.destroyForcibly();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
