package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** A real AF_UNIX datagram socket stands in for systemd's notify socket. */
class SdNotifyTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private static String receive(AFUNIXDatagramSocket s) throws IOException {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static AFUNIXDatagramSocket listen(AFUNIXSocketAddress address) throws IOException {
        AFUNIXDatagramSocket s = AFUNIXDatagramSocket.newInstance();
        s.bind(address);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void pathSocketReceivesReadyStatusStoppingAndReloading() throws IOException {
        Path sock = dir.resolve("notify");
        try (AFUNIXDatagramSocket systemd = listen(AFUNIXSocketAddress.of(sock));
             SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", sock.toString()), PID)) {
            assertTrue(n.enabled());
            n.ready("3 secrets installed");
            assertEquals("READY=1\nSTATUS=3 secrets installed", receive(systemd));
            n.status("re-rendering\nnow");
            assertEquals("STATUS=re-rendering now", receive(systemd));
            n.reloading();
            String reloading = receive(systemd);
            assertTrue(reloading.startsWith("RELOADING=1\nMONOTONIC_USEC="), reloading);
            long usec = Long.parseLong(reloading.substring(reloading.indexOf('=', 12) + 1));
            // CLOCK_MONOTONIC and /proc/uptime (CLOCK_BOOTTIME) agree unless the machine slept.
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            assertTrue(Math.abs(usec / 1e6 - uptime) < 5, "MONOTONIC_USEC " + usec + " vs uptime " + uptime);
            n.stopping();
            assertEquals("STOPPING=1", receive(systemd));
        }
    }

    @Test
    void abstractSocketReceivesReady() throws IOException {
        String name = "secretsd-test-" + UUID.randomUUID();
        try (AFUNIXDatagramSocket systemd = listen(AFUNIXSocketAddress.inAbstractNamespace(name));
             SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name), PID)) {
            n.ready("ok");
            assertEquals("READY=1\nSTATUS=ok", receive(systemd));
            n.watchdog();
            assertEquals("WATCHDOG=1", receive(systemd));
        }
    }

    @Test
    void watchdogPingsAtHalfTheTimeout() throws IOException {
        Path sock = dir.resolve("notify");
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_SOCKET", sock.toString());
        env.put("WATCHDOG_USEC", "200000");
        env.put("WATCHDOG_PID", Long.toString(PID));
        try (AFUNIXDatagramSocket systemd = listen(AFUNIXSocketAddress.of(sock));
             SdNotify n = SdNotify.fromEnvironment(env, PID)) {
            assertEquals(Duration.ofMillis(100), n.watchdogInterval().orElseThrow());
            long start = System.nanoTime();
            assertTrue(n.startWatchdog());
            assertFalse(n.startWatchdog(), "a second scheduler");
            for (int i = 0; i < 4; i++) {
                assertEquals("WATCHDOG=1", receive(systemd));
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // the first ping is immediate, then three more every 100 ms
            assertTrue(elapsedMs >= 290, "four pings after " + elapsedMs + " ms");
        }
    }

    @Test
    void watchdogForAnotherProcessIsIgnored() {
        Map<String, String> env = Map.of("WATCHDOG_USEC", "200000", "WATCHDOG_PID", Long.toString(PID + 1));
        assertTrue(SdNotify.watchdogTimeout(env, PID).isEmpty());
        assertTrue(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "0"), PID).isEmpty());
        assertTrue(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "x"), PID).isEmpty());
        assertEquals(Duration.ofSeconds(60), SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "60000000"), PID).orElseThrow());
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() throws IOException {
        try (SdNotify n = SdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "1000"), PID)) {
            assertFalse(n.enabled());
            n.ready("x");
            n.watchdog();
            assertFalse(n.startWatchdog());
        }
    }

    @Test
    void unsupportedAddressIsRefusedWithTheAddress() {
        SocketException e = assertThrows(SocketException.class,
                () -> SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234"), PID));
        assertTrue(e.getMessage().contains("vsock:2:1234"), e.getMessage());
    }
}
