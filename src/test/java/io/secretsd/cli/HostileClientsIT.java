package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.FloodClient;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * `secretsd run` as a real process against a hostile local user, itself a real process run as nobody by
 * setpriv: thousands of idle connections must neither lock root out of the control socket nor cost the
 * daemon a thread each.
 */
class HostileClientsIT {
    static final int FLOOD = 4200;

    static Path dir;
    static Path mount;
    static DaemonHarness d;

    @BeforeAll
    static void setUp() throws IOException {
        DaemonHarness.requireRoot();
        Proc.require("setpriv");
        dir = Files.createTempDirectory("secretsd-hostile-it");
        // nobody must reach the socket (and the flood client's class) to attack it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        d = new DaemonHarness(dir);
        mount = dir.resolve("secrets.d");
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("secrets.yaml"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"ageKeyFile":"%1$s","keepGenerations":2,
                 "secrets":[{"format":"yaml","key":"test_key","mode":"0400","name":"test_key","path":"%2$s/secrets/test_key",
                   "restartUnits":[],"reloadUnits":[],"sopsFile":"%2$s/secrets.yaml"}],
                 "secretsMountPoint":"%3$s","symlinkPath":"%2$s/secrets","templates":[]}
                """.formatted(Vectors.sopsNix("age-keys.txt"), dir, mount));
    }

    @AfterAll
    static void tearDown() {
        if (mount != null) Proc.run("umount", "-l", mount.toString());
    }

    /** The flood client's class, copied where nobody may read it. */
    static Path floodClasses() throws IOException {
        String rel = FloodClient.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve("flood-classes");
        Path file = target.resolve(rel);
        Files.createDirectories(file.getParent());
        try (var in = FloodClient.class.getClassLoader().getResourceAsStream(rel)) {
            Files.copy(in, file);
        }
        Proc.run("chmod", "-R", "a+rX", target.toString());
        return target;
    }

    static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            String[] kv = line.split(":\\s+", 2);
            if (kv[0].equals("Threads")) m.put("threads", Long.parseLong(kv[1].strip()));
            if (kv[0].equals("VmRSS")) m.put("rssKb", Long.parseLong(kv[1].replace("kB", "").strip()));
        }
        return m;
    }

    /** Issue 9, defect 8: the unit's UMask=0077 made a custom --socket directory 0700, locking out the status group. */
    @Test
    void aSocketDirectoryMadeUnderUmask0077LetsTheStatusGroupIn() throws Exception {
        Proc.require("socat");
        Path socket = dir.resolve("run/nested/ctl.sock");
        Path notifyPath = dir.resolve("notify-umask.sock");
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "umask 077; exec \"$@\"", "sh", Proc.dist("secretsd"), "run",
                    "--manifest", dir.resolve("manifest.json").toString(), "--socket", socket.toString(),
                    "--status-group", "65534", "--units", "none");
            pb.environment().put("NOTIFY_SOCKET", notifyPath.toString());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
            Process daemon = pb.start();
            try {
                d.ready(notify);
                for (Path p : List.of(dir.resolve("run"), dir.resolve("run/nested"))) {
                    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
                }
                Proc.Result r = Proc.runIn("{\"method\":\"io.secretsd.Manager.GetStatus\"}\0".getBytes(StandardCharsets.UTF_8),
                        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "socat", "-t", "5", "-", "UNIX-CONNECT:" + socket);
                assertEquals(0, r.exit(), r.toString());
                assertTrue(r.out().contains("\"entries\""), "the status group member got no status: " + r.out() + " " + r);
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) daemon.destroyForcibly();
            }
        }
    }

    record Latencies(List<Long> latencies, int failures) {}

    /** Root's `secretsctl status`, n times: each one's wall time (a JVM start included) and how many failed. */
    static Latencies statusLatencies(int n) {
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Proc.Result status = Proc.run(Proc.dist("secretsctl"), "status", "--socket", d.socket().toString());
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            if (status.exit() != 0) failures++;
        }
        return new Latencies(latencies, failures);
    }

    @Test
    void nobodysFloodLocksNeitherRootOutNorCostsAThreadEach() throws Exception {
        Path notifyPath = dir.resolve("notify.sock");
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process daemon = d.start(notifyPath, Map.of(), "--units", "none");
            Process flood = null;
            try {
                d.ready(notify);
                Map<String, Long> idle = procStatus(daemon.pid());
                List<Long> quiet = statusLatencies(3).latencies();
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                flood = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        java, "-Xss256k", "-cp", floodClasses().toString(), FloodClient.class.getName(),
                        d.socket().toString(), Integer.toString(FLOOD))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(flood.getInputStream(), StandardCharsets.UTF_8));
                String connected = out.readLine();
                assertTrue(connected != null && connected.startsWith("connected "), "flood client: " + connected);

                Latencies flooded = statusLatencies(8);
                List<Long> latencies = flooded.latencies();
                int failures = flooded.failures();
                Map<String, Long> during = procStatus(daemon.pid());
                System.out.printf("control flood (%s of %d from uid 65534): root status %d/8 failed, latencies %s ms"
                                + " (before the flood %s ms); daemon threads %d -> %d, RSS %d -> %d MB%n", connected, FLOOD,
                        failures, latencies, quiet, idle.get("threads"), during.get("threads"), idle.get("rssKb") / 1024,
                        during.get("rssKb") / 1024);
                assertEquals(0, failures, "root's secretsctl status failed during the flood, latencies " + latencies + " ms; log: " + d.log());
                assertTrue(during.get("threads") < idle.get("threads") + 16,
                        "the daemon grew from " + idle.get("threads") + " to " + during.get("threads") + " threads");
                assertTrue(daemon.isAlive(), d.log());
                assertEquals(1, d.log().lines().filter(l -> l.contains("refusing connections from uid 65534")).count(),
                        "the refusal is logged once: " + d.log());
            } finally {
                if (flood != null) {
                    flood.getOutputStream().close();
                    if (!flood.waitFor(30, TimeUnit.SECONDS)) flood.destroyForcibly();
                }
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) daemon.destroyForcibly();
            }
        }
    }
}
