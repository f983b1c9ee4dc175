package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped secretsd.service and secretsd.socket under the machine's real systemd, booted as PID 1 in
 * namespaces of its own (src/test/resources/systemd-boot): PID, mount, cgroup, UTS, IPC and network,
 * a private /run, a new empty cgroup hierarchy instead of the machine's, the root file system read-only
 * but for the test folder, and a boot target that starts only D-Bus, secretsd and a consumer ordered
 * After=secretsd.service that reads its secret at start. A change to the sops file must restart the
 * consumer (over D-Bus) with the new value. The negative control adds PrivateMounts=yes, what
 * PrivateNetwork=yes implies since systemd 254 without the unit's PrivateMounts=no: the consumer then
 * finds no secret although secretsd installed it.
 */
class SystemdBootIT {
    private static final String RESOURCES = "/systemd-boot/";
    private static final Path UNITS = Path.of(System.getProperty("user.dir"), "systemd");

    @TempDir
    Path t;

    private void stage(String variant) throws Exception {
        Path etc = Files.createDirectories(t.resolve("etc-systemd-system/secretsd.service.d"));
        for (String unit : List.of("boot.target", "dbus.socket", "dbus.service", "consumer.service")) {
            Files.writeString(t.resolve("etc-systemd-system").resolve(unit), resource(unit).replace("@T@", t.toString()));
        }
        Files.copy(UNITS.resolve("secretsd.service"), t.resolve("etc-systemd-system/secretsd.service"));
        Files.copy(UNITS.resolve("secretsd.socket"), t.resolve("etc-systemd-system/secretsd.socket"));
        Files.writeString(etc.resolve("test.conf"), """
                # the test's paths; everything else is the unit as shipped
                [Service]
                ExecStart=
                ExecStart=%s run --manifest %s/manifest.json
                StandardOutput=append:%2$s/secretsd.log
                StandardError=inherit
                Environment=SECRETSD_JAVA_OPTS=-Djava.io.tmpdir=%2$s/jtmp
                %s
                """.formatted(Proc.dist("secretsd"), t, variant));
        for (String script : List.of("stage1.sh", "inner.sh")) {
            Path p = t.resolve(script);
            Files.writeString(p, resource(script));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(t.resolve("jtmp"));
        Files.copy(Vectors.sopsNix("secrets.yaml"), t.resolve("secrets.yaml"));
        Files.writeString(t.resolve("manifest.json"), """
                {"ageKeyFile":"%1$s",
                 "secrets":[{"name":"test_key","key":"test_key","sopsFile":"%2$s/secrets.yaml","restartUnits":["consumer.service"]}]}
                """.formatted(Vectors.sopsNix("age-keys.txt"), t));
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String resource(String name) throws IOException {
        try (var in = SystemdBootIT.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IOException("missing test resource " + RESOURCES + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Boots, runs the check, and always kills the namespace's PID 1 (which takes every process in it along). */
    private String boot(String variant, boolean changeIt) throws Exception {
        DaemonHarness.requireRoot();
        stage(variant);
        Process outer = new ProcessBuilder("unshare", "--mount", "--propagation", "private", t.resolve("stage1.sh").toString(),
                t.toString()).redirectErrorStream(true).redirectOutput(t.resolve("systemd.log").toFile()).start();
        DaemonHarness d = new DaemonHarness(t);
        try {
            awaitOrExplain("the consumer to start", () -> Files.readString(t.resolve("consumer.out")).contains("start:"), outer);
            if (changeIt) {
                d.rewrite("secrets.yaml", d.encrypt(DaemonHarness.vectorRecipient(), "test_key: second_value\n"));
                awaitOrExplain("the consumer to be restarted",
                        () -> Files.readString(t.resolve("consumer.out")).lines().count() >= 2, outer);
            }
            return Files.readString(t.resolve("consumer.out"));
        } finally {
            String init = Proc.run("pgrep", "-f", "--", "--unit=boot.target --log-target=console").out().strip();
            for (String pid : init.lines().toList()) {
                // only the PID 1 started for this test's folder
                if (Files.readString(Path.of("/proc", pid, "environ")).contains("SECRETSD_TEST_ROOT=" + t + "\0")) {
                    Proc.run("kill", "-KILL", pid);
                }
            }
            outer.waitFor(30, TimeUnit.SECONDS);
            outer.destroyForcibly();
        }
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private void awaitOrExplain(String what, Check check, Process outer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) return;
            } catch (IOException notYet) {
                // not written yet
            }
            if (!outer.isAlive()) {
                String log = Files.readString(t.resolve("systemd.log"));
                Assumptions.assumeFalse(log.contains("/sys/fs/cgroup/systemd") && log.contains("denied"),
                        "this kernel does not let a new cgroup v1 hierarchy be created: " + log);
                fail("the namespaced systemd exited: " + log);
            }
            Thread.sleep(100);
        }
        fail("timed out waiting for " + what + "; systemd: " + read("systemd.log") + "; secretsd: " + read("secretsd.log"));
    }

    private String read(String name) {
        try {
            return Files.readString(t.resolve(name));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aConsumerOrderedAfterSecretsdReadsItsSecretAndIsRestartedOnAChange() throws Exception {
        String out = boot("", true);
        assertEquals(List.of("start: test_value", "start: second_value"), out.lines().toList(),
                "secretsd: " + read("secretsd.log"));
        String log = read("secretsd.log");
        assertTrue(log.contains("units: restarted over D-Bus by systemd") && log.contains("restart consumer.service: done"), log);
        assertTrue(log.contains("control socket from systemd"), log);
    }

    @Test
    void withAMountNamespaceTheConsumerWouldFindNoSecret() throws Exception {
        String out = boot("PrivateMounts=yes", false);
        assertEquals("start: no secret", out.lines().findFirst().orElse(""), "secretsd: " + read("secretsd.log"));
        assertTrue(read("secretsd.log").contains("ready: 1 installed"), "secretsd did install it, in its own namespace");
    }
}
