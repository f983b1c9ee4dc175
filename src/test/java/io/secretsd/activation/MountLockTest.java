package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mount point's lock against another real process: a waiter gives up cleanly, a killed holder frees it. */
class MountLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondWriterGivesUpWithAClearMessageAndTheKernelFreesTheLockOfAKilledHolder() throws Exception {
        Path mp = tmp.resolve("run/secrets.d");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldLock.class.getName(), mp.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());

            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> MountLock.acquire(mp, Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals("another activation of " + mp + " (pid " + holder.pid() + ") still holds "
                    + tmp.resolve("run/.secrets.d.lock") + " after 0 s; gave up, nothing was changed", e.getMessage());
            assertFalse(Files.exists(mp), "the mount point was touched");

            holder.destroyForcibly(); // SIGKILL: no code of the holder runs, the kernel drops its lock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            try (MountLock l = MountLock.acquire(mp, Duration.ofSeconds(30))) {
                assertTrue(l.waited().toSeconds() < 5, "waited " + l.waited());
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void theLockFileIsNotFollowedWhenPlantedAsALink() throws Exception {
        Path mp = tmp.resolve("secrets.d");
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "keep");
        Files.createSymbolicLink(tmp.resolve(".secrets.d.lock"), victim);
        assertThrows(IOException.class, () -> MountLock.acquire(mp, Duration.ofMillis(100)));
        assertEquals("keep", Files.readString(victim));
    }
}
