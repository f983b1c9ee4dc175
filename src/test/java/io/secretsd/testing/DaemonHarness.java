package io.secretsd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.newsclub.net.unix.AFUNIXDatagramSocket;

/**
 * Runs the packaged `secretsd run` in a test directory (log in daemon.log, control socket ctl.sock) and
 * the chores around it: waiting for READY on a NOTIFY_SOCKET, polling for a condition, rewriting a sops file
 * the way an editor does, encrypting with `secretsctl encrypt`.
 */
public final class DaemonHarness {
    public final Path dir;

    public DaemonHarness(Path dir) {
        this.dir = dir;
    }

    /** The daemon tests need root (a real ramfs, chown); CI runs them as root. */
    public static void requireRoot() {
        assertEquals("0", Proc.run("id", "-u").out().strip(), "the daemon tests run as root (CI does)");
    }

    /** The age recipient of the sops-nix vectors' age-keys.txt. */
    public static String vectorRecipient() throws IOException {
        return Files.readString(Vectors.sopsNix("age-keys.txt")).lines().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring(14);
    }

    public Path socket() {
        return dir.resolve("ctl.sock");
    }

    public Process start(Path notify, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Proc.dist("secretsd"), "run", "--manifest", dir.resolve("manifest.json").toString(),
                "--socket", socket().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NOTIFY_SOCKET", notify.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
        return pb.start();
    }

    public String ready(AFUNIXDatagramSocket notify) throws IOException {
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                notify.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (msg.contains("READY=1")) return msg;
        }
        fail("no READY=1 within 60 s; log: " + log());
        return null;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Polls cond every 20 ms for up to 30 s (a loaded 2-core box needs the margin). */
    public void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(20);
        }
        fail("timed out waiting for " + what + "; log: " + log());
    }

    /** A file under the installed secrets (the symlink), or null when it cannot be read. */
    public String read(String rel) {
        try {
            return Files.readString(dir.resolve("secrets").resolve(rel));
        } catch (IOException e) {
            return null;
        }
    }

    /** Rewrites a file the way an editor or `secretsctl encrypt` + mv would: a new file renamed over. */
    public void rewrite(String name, byte[] content) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The plaintext YAML encrypted by `secretsctl encrypt --age recipient`: a new data key and nonces each time. */
    public byte[] encrypt(String recipient, String plainYaml) throws IOException {
        Path plain = Files.createTempFile(dir, "plain", ".yaml");
        try {
            Files.writeString(plain, plainYaml);
            Proc.Result r = Proc.run(Proc.dist("secretsctl"), "encrypt", "--age", recipient, plain.toString());
            assertEquals(0, r.exit(), r.toString());
            return r.stdout();
        } finally {
            Files.delete(plain);
        }
    }
}
