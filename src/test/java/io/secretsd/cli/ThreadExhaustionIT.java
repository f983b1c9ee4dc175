package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.DaemonHarness;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * `secretsd run` as a real process in a pids cgroup of its own (created by the test, below the cgroup
 * root, removed after): with no thread to spare, a rewritten sops file is still installed, no thread
 * dies with a stack trace, subscribers cost no thread, and SIGTERM still ends the daemon.
 */
class ThreadExhaustionIT {
    static Path dir;
    static Path mount;
    static DaemonHarness d;
    static String recipient;

    @BeforeAll
    static void setUp() throws IOException {
        DaemonHarness.requireRoot();
        dir = Files.createTempDirectory("secretsd-pids-it");
        d = new DaemonHarness(dir);
        mount = dir.resolve("secrets.d");
        recipient = DaemonHarness.vectorRecipient();
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("secrets.yaml"));
        Files.copy(Vectors.sopsNix("secrets.yaml"), dir.resolve("other.yaml"));
        // two sops files: an activation decrypts them on a pool of threads
        Files.writeString(dir.resolve("manifest.json"), """
                {"ageKeyFile":"%1$s","keepGenerations":2,
                 "secrets":[{"format":"yaml","key":"test_key","mode":"0400","name":"test_key","path":"%2$s/secrets/test_key",
                   "restartUnits":[],"reloadUnits":[],"sopsFile":"%2$s/secrets.yaml"},
                  {"format":"yaml","key":"test_key","mode":"0400","name":"other","path":"%2$s/secrets/other",
                   "restartUnits":[],"reloadUnits":[],"sopsFile":"%2$s/other.yaml"}],
                 "secretsMountPoint":"%3$s","symlinkPath":"%2$s/secrets","templates":[]}
                """.formatted(Vectors.sopsNix("age-keys.txt"), dir, mount));
    }

    @AfterAll
    static void tearDown() {
        if (mount != null) Proc.run("umount", "-l", mount.toString());
    }

    /** The pids controller's cgroup v1 hierarchy, where root may make a child cgroup. */
    static Path pidsHierarchy() {
        Path v1 = Path.of("/sys/fs/cgroup/pids");
        assumeTrue(Files.isRegularFile(v1.resolve("cgroup.procs")), "no cgroup v1 pids hierarchy at " + v1);
        return v1;
    }

    static long read(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    @Test
    void aDaemonWithoutASpareThreadKeepsWorkingAndStops() throws Exception {
        Path cgroup = Files.createDirectory(pidsHierarchy().resolve("secretsd-it-" + ProcessHandle.current().pid()));
        Path notifyPath = dir.resolve("notify.sock");
        List<SocketChannel> subscribers = new ArrayList<>();
        try (AFUNIXDatagramSocket notify = AFUNIXDatagramSocket.newInstance()) {
            notify.bind(AFUNIXSocketAddress.of(notifyPath));
            notify.setSoTimeout(500);
            Process daemon = d.start(notifyPath, Map.of(), "--units", "none");
            try {
                d.ready(notify);
                Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(daemon.pid()));
                long threads = read(cgroup.resolve("pids.current"));
                Files.writeString(cgroup.resolve("pids.max"), Long.toString(threads));

                // Not one thread to spare: the change is still installed (the files decrypted one by one).
                byte[] next = d.encrypt(recipient, "test_key: under_pressure\n");
                d.rewrite("secrets.yaml", next);
                d.await("the rewritten secret installed without a spare thread", () -> "under_pressure".equals(d.read("test_key")));
                Proc.Result status = Proc.run(Proc.dist("secretsctl"), "status", "--socket", d.socket().toString());
                assertEquals(0, status.exit(), status + "\n" + d.log());
                assertTrue(daemon.isAlive(), d.log());

                // Room for SIGTERM's handler and the shutdown hook; subscribers must not take it.
                Files.writeString(cgroup.resolve("pids.max"), Long.toString(threads + 2));
                for (int i = 0; i < 50; i++) {
                    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                    c.connect(UnixDomainSocketAddress.of(d.socket()));
                    c.write(ByteBuffer.wrap("{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}\0".getBytes(StandardCharsets.UTF_8)));
                    subscribers.add(c);
                }
                Thread.sleep(500);
                long peak = read(cgroup.resolve("pids.current"));
                daemon.destroy(); // SIGTERM
                boolean ended = daemon.waitFor(30, TimeUnit.SECONDS);
                System.out.printf("pids limit: %d threads at the limit, %d with 50 subscribers; SIGTERM %s%n",
                        threads, peak, ended ? "ended the daemon, exit " + daemon.exitValue() : "ignored");
                assertTrue(ended, "SIGTERM did not end the daemon in its pids cgroup; log: " + d.log());
                assertFalse(d.log().contains("\tat ") || d.log().contains("Exception in thread"), "a stack trace in the log: " + d.log());
            } finally {
                for (SocketChannel c : subscribers) c.close();
                daemon.destroyForcibly();
                daemon.waitFor(30, TimeUnit.SECONDS);
                Files.writeString(cgroup.resolve("pids.max"), "max");
            }
        } finally {
            for (int i = 0; i < 50 && Files.exists(cgroup); i++) {
                try {
                    Files.delete(cgroup);
                } catch (IOException e) {
                    Thread.sleep(100); // the killed daemon leaves the cgroup a moment later
                }
            }
        }
    }
}
