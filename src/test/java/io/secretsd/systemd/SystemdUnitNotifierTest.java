package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.FakeSystemd;
import io.secretsd.testing.PrivateDbus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SystemdUnitNotifier against a private dbus-daemon where a test service plays systemd. */
class SystemdUnitNotifierTest {

    @TempDir
    Path dir;

    private PrivateDbus bus;
    private FakeSystemd systemd;

    @BeforeEach
    void start() throws Exception {
        bus = new PrivateDbus(dir);
        systemd = new FakeSystemd(bus.address, Map.of("bad.service", "failed", "dep.service", "dependency"));
    }

    @AfterEach
    void stop() throws Exception {
        systemd.close();
        bus.close();
    }

    private static List<String> jobCalls(List<String> calls) {
        return calls.stream().filter(c -> !c.equals("Subscribe")).sorted().toList();
    }

    @Test
    void eachUnitGetsOneRequestAndRestartWinsOverReload() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier(bus.address, Duration.ofSeconds(10))) {
            List<UnitResult> results = n.apply(Set.of("a.service", "both.service", "early.service"),
                    Set.of("c.service", "both.service"));
            assertEquals(List.of(
                    "ReloadOrTryRestartUnit c.service replace",
                    "TryRestartUnit a.service replace",
                    "TryRestartUnit both.service replace",
                    "TryRestartUnit early.service replace"), jobCalls(systemd.calls));
            assertTrue(systemd.calls.contains("Subscribe"));
            assertEquals(List.of("a.service", "both.service", "c.service", "early.service"),
                    results.stream().map(UnitResult::unit).toList());
            assertTrue(results.stream().allMatch(UnitResult::ok), results::toString);
            assertEquals(UnitAction.RELOAD, results.get(2).action());
            assertEquals(UnitAction.RESTART, results.get(1).action());

            // the next change set is a new set: the same unit again gets exactly one more request
            systemd.calls.clear();
            List<UnitResult> again = n.reload(Set.of("c.service"));
            assertEquals(List.of("ReloadOrTryRestartUnit c.service replace"), jobCalls(systemd.calls));
            assertEquals("done", again.getFirst().result());
        }
    }

    @Test
    void failingJobsAreReportedWithSystemdsResult() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier(bus.address, Duration.ofSeconds(10))) {
            List<UnitResult> results = n.restart(Set.of("bad.service", "dep.service", "good.service"));
            assertEquals(List.of("failed", "dependency", "done"), results.stream().map(UnitResult::result).toList());
            assertFalse(results.get(0).ok());
            assertTrue(results.get(2).ok());
        }
    }

    @Test
    void aRefusedCallIsReportedAndTheOthersStillRun() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier(bus.address, Duration.ofSeconds(10))) {
            List<UnitResult> results = n.restart(Set.of("missing.service", "x.service"));
            UnitResult missing = results.get(0);
            assertEquals(UnitResult.CALL_FAILED, missing.result());
            assertTrue(missing.detail().contains("missing.service not found"), missing.detail());
            assertEquals("done", results.get(1).result());
        }
    }

    @Test
    void aJobThatNeverFinishesTimesOut() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier(bus.address, Duration.ofMillis(500))) {
            long start = System.nanoTime();
            List<UnitResult> results = n.restart(Set.of("hang.service", "ok.service"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(UnitResult.NO_RESULT, results.get(0).result());
            assertTrue(results.get(0).detail().contains("/org/freedesktop/systemd1/job/"), results.get(0).detail());
            assertEquals("done", results.get(1).result());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    @Test
    void noBusGivesCallFailedForEveryUnit() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier("unix:path=" + dir.resolve("nobus"), Duration.ofSeconds(1))) {
            List<UnitResult> results = n.apply(Set.of("a.service"), Set.of("b.service"));
            assertEquals(2, results.size());
            for (UnitResult r : results) {
                assertEquals(UnitResult.CALL_FAILED, r.result());
                assertTrue(r.detail().contains("nobus"), r.detail());
            }
        }
    }

    @Test
    void aBusWithoutSystemdGivesCallFailed() {
        systemd.close();
        try (SystemdUnitNotifier n = new SystemdUnitNotifier(bus.address, Duration.ofSeconds(5))) {
            UnitResult r = n.restart(Set.of("a.service")).getFirst();
            assertEquals(UnitResult.CALL_FAILED, r.result());
            assertTrue(r.detail().contains("org.freedesktop.systemd1"), r.detail());
        }
    }

    @Test
    void emptyChangeSetDoesNotConnect() {
        try (SystemdUnitNotifier n = new SystemdUnitNotifier("unix:path=" + dir.resolve("nobus"), Duration.ofSeconds(1))) {
            assertEquals(List.of(), n.apply(Set.of(), Set.of()));
        }
    }

    @Test
    void systemBusAddressComesFromTheEnvironment() {
        assertEquals("unix:path=/x", SystemdUnitNotifier.systemBus(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/x")).busAddress());
        assertEquals(SystemdUnitNotifier.DEFAULT_SYSTEM_BUS, SystemdUnitNotifier.systemBus(Map.of()).busAddress());
    }
}
