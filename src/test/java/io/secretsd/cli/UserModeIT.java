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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a home-manager user runs it: an unprivileged user (nobody, through setpriv) with its own
 * XDG_RUNTIME_DIR, a userMode YAML manifest with %r paths and an SSH key converted to age, no --socket
 * anywhere. secretsctl finds the daemon by itself, status shows expanded paths and the real owner, a
 * change is re-rendered, and the log has sops-install-secrets' user-mode line (the key import) and the
 * change lines. No session bus: the daemon says at start that no unit will be restarted, and the change
 * that names one is a warning in the log and an event.
 */
class UserModeIT {
    private static final String SSH_RECIPIENT = "age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs";
    private static final String PH = "<SOPS:92488e1e3eeecdf99f3ed2ce59233efb4b4fb612d5655c0ce9ea52b5a502e655:PLACEHOLDER>";

    @TempDir
    Path tmp;

    private Path home;
    private Path run;

    /** A command as nobody:nogroup with only the environment a user session would give it. */
    private List<String> asNobody(String... cmd) {
        List<String> out = new ArrayList<>(List.of(Proc.require("setpriv"), "--reuid", "nobody", "--regid", "nogroup",
                "--clear-groups", "env", "-i", "PATH=/usr/bin:/bin", "HOME=" + home, "TMPDIR=" + home,
                "XDG_RUNTIME_DIR=" + run, "SECRETSD_JAVA_OPTS=-Djava.io.tmpdir=" + home));
        out.addAll(List.of(cmd));
        return out;
    }

    @Test
    void aUserRunsTheDaemonWithoutRootAndWithoutSocketOptions() throws Exception {
        DaemonHarness.requireRoot();
        DaemonHarness d = new DaemonHarness(Files.createDirectory(tmp.resolve("work")));
        home = d.dir;
        run = Files.createDirectory(tmp.resolve("run"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = home.resolve("ssh-ed25519-key");
        Files.copy(Vectors.sopsNix("ssh-ed25519-key"), key);
        Files.copy(Vectors.sopsNix("secrets.yaml"), home.resolve("secrets.yaml"));
        Files.writeString(home.resolve("manifest.yaml"), """
                # a home-manager-style manifest, written by hand
                userMode: true
                secretsMountPoint: "%%r/secrets.d"
                symlinkPath: "%%r/secrets"
                ageSshKeyPaths: ["%1$s"]
                placeholderBySecretName: {test_key: "%2$s"}
                secrets:
                  - {name: test_key, key: test_key, path: "%%r/secrets/test_key", sopsFile: "%3$s/secrets.yaml",
                     restartUnits: [app.service]}
                templates:
                  - {name: t, content: "Test value: %2$s", path: "%%r/secrets/rendered/t"}
                """.formatted(key, PH, home));
        for (Path p : List.of(home, run, key, home.resolve("secrets.yaml"), home.resolve("manifest.yaml"))) {
            Proc.run("chown", "nobody:nogroup", p.toString());
        }
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        Path log = tmp.resolve("daemon.log");
        Process daemon = new ProcessBuilder(asNobody(Proc.dist("secretsd"), "run", "--manifest",
                home.resolve("manifest.yaml").toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            Path socket = run.resolve("secretsd/io.secretsd.Manager");
            Path secret = run.resolve("secrets/test_key");
            d.await("the control socket at " + socket, () -> Files.exists(socket) && readable(secret));
            assertEquals("test_value", Files.readString(secret));
            assertEquals("Test value: test_value", Files.readString(run.resolve("secrets/rendered/t")));
            assertEquals(Proc.run("id", "-u", "nobody").out().strip(),
                    Files.getAttribute(secret, "unix:uid").toString(), "the secret belongs to the user");

            Proc.Result status = Proc.run(null, Map.of(), asNobody(Proc.dist("secretsctl"), "status"));
            assertEquals(0, status.exit(), status + "\nlog:\n" + Files.readString(log));
            assertTrue(status.out().contains(run + "/secrets/test_key"), "expanded path:\n" + status.out());
            assertTrue(status.out().contains(run + "/secrets/rendered/t"), status.out());
            assertFalse(status.out().contains("%r"), status.out());
            assertTrue(status.out().contains("nobody:nogroup"), "the real owner and group:\n" + status.out());
            assertFalse(status.out().matches("(?s).*\\s0:0\\s.*"), "no root owner column:\n" + status.out());

            List<ControlEvent> events = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try (ControlClient c = ControlClient.connect(socket)) {
                    c.events(events::add);
                } catch (IOException e) {
                    // the daemon stopped
                }
            });
            Thread.sleep(300);
            d.rewrite("secrets.yaml", d.encrypt(SSH_RECIPIENT, "test_key: second_value\n"));
            Proc.run("chown", "nobody:nogroup", home.resolve("secrets.yaml").toString());
            d.await("the new value", () -> "second_value".equals(readOrNull(secret)));
            d.await("the re-rendered template", () -> "Test value: second_value".equals(readOrNull(run.resolve("secrets/rendered/t"))));
            d.await("the change lines", () -> readOrNull(log).contains("modifying rendered secret: t"));

            d.await("a warning event for the unit", () -> events.stream().anyMatch(e -> e instanceof ControlEvent.Warning w
                    && w.warning().contains("app.service") && w.warning().contains("no session bus")));
            String text = Files.readString(log);
            assertTrue(text.contains("units: none will be restarted: user mode and no session bus"), "said at start:\n" + text);
            assertTrue(text.contains("secrets of units [app.service] changed, but no unit is restarted"), text);
            assertTrue(text.contains("Imported " + key + " as age key with fingerprint " + SSH_RECIPIENT),
                    "sops-install-secrets' user-mode line:\n" + text);
            assertTrue(text.contains("modifying secret: test_key"), text);
            assertFalse(text.contains("test_value") || text.contains("second_value"), "a value in the log:\n" + text);
            try (Stream<String> lines = Files.lines(log)) {
                assertTrue(lines.anyMatch(l -> l.contains("control socket " + socket)), text);
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) daemon.destroyForcibly();
        }
    }

    private static boolean readable(Path p) {
        return readOrNull(p) != null;
    }

    private static String readOrNull(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
