package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM started by systemd-socket-activate (Debian's systemd package) gets the listening socket. */
class SocketActivationTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static Process activate(List<String> activatorArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(requireTool("systemd-socket-activate"));
        cmd.addAll(activatorArgs);
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Xshare:auto");
        cmd.add(SocketActivationChild.class.getName());
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String requireTool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " not found on PATH (Debian package systemd; see .ci/run)");
    }

    private static String talk(Path socket, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            assertTrue(child.isAlive(), () -> "activator exited: " + output(child));
            assertTrue(System.nanoTime() < deadline, "socket never appeared");
            Thread.sleep(10);
        }
        try (SocketChannel ch = connect(socket, child, deadline)) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) break;
            }
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, child.exitValue(), () -> output(child));
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
    }

    /** The file appears at bind(), before listen(): under load a first connect can be refused. */
    private static SocketChannel connect(Path socket, Process child, long deadline) throws Exception {
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (java.net.ConnectException e) {
                ch.close();
                assertTrue(child.isAlive(), () -> "activator exited: " + output(child));
                assertTrue(System.nanoTime() < deadline, "socket never accepted: " + e.getMessage());
                Thread.sleep(10);
            }
        }
    }

    private static String output(Process p) {
        try {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void inheritedSocketAcceptsAClient() throws Exception {
        Path socket = dir.resolve("io.secretsd.Manager");
        String reply = talk(socket, activate(List.of("-l", socket.toString(), "--fdname=io.secretsd.Manager")));
        assertTrue(reply.startsWith("accepted on "), reply);
        assertTrue(reply.contains(socket.toString()), reply);
        assertTrue(reply.contains("ListenFd[fd=3, name=io.secretsd.Manager]"), reply);
    }

    @Test
    void theNamedSocketIsChosenAmongSeveral() throws Exception {
        Path other = dir.resolve("other");
        Path control = dir.resolve("control");
        String reply = talk(control, activate(List.of("-l", other.toString(), "-l", control.toString(),
                "--fdname=other:io.secretsd.Manager")));
        assertTrue(reply.contains(control.toString()), reply);
        assertTrue(reply.contains("ListenFd[fd=4, name=io.secretsd.Manager]"), reply);
    }

    @Test
    void variablesForAnotherProcessAreIgnored() throws IOException {
        Map<String, String> env = Map.of("LISTEN_PID", Long.toString(PID + 1), "LISTEN_FDS", "1");
        assertTrue(SocketActivation.listenFds(env, PID).isEmpty());
        assertTrue(SocketActivation.controlSocket(Map.of(), PID).isEmpty());
    }

    @Test
    void namesAreParsed() throws IOException {
        Map<String, String> env = Map.of("LISTEN_PID", Long.toString(PID), "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "a:b");
        assertEquals(List.of(new SocketActivation.ListenFd(3, "a"), new SocketActivation.ListenFd(4, "b")),
                SocketActivation.listenFds(env, PID));
    }

    @Test
    void malformedVariablesAreTypedErrors() {
        String pid = Long.toString(PID);
        assertThrows(SocketActivationException.class,
                () -> SocketActivation.listenFds(Map.of("LISTEN_PID", pid, "LISTEN_FDS", "x"), PID));
        assertThrows(SocketActivationException.class,
                () -> SocketActivation.listenFds(Map.of("LISTEN_PID", "1a", "LISTEN_FDS", "1"), PID));
        assertThrows(SocketActivationException.class, () -> SocketActivation.listenFds(
                Map.of("LISTEN_PID", pid, "LISTEN_FDS", "2", "LISTEN_FDNAMES", "one"), PID));
        assertThrows(SocketActivationException.class, () -> SocketActivation.controlSocket(
                Map.of("LISTEN_PID", pid, "LISTEN_FDS", "2", "LISTEN_FDNAMES", "a:b"), PID));
    }
}
