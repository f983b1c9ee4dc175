package io.secretsd.launchd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.systemd.UnitAction;
import io.secretsd.systemd.UnitResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake launchctl script records its arguments; labels containing "bad" fail like launchctl does. */
class LaunchctlRestarterTest {

    @TempDir
    Path dir;

    private Path launchctl;
    private Path log;

    @BeforeEach
    void fakeLaunchctl() throws IOException {
        log = dir.resolve("calls");
        launchctl = dir.resolve("launchctl");
        Files.writeString(launchctl, """
                #!/bin/sh
                echo "$@" >> '%s'
                case "$*" in
                  *bad*) echo "Could not find service \\"$3\\" in domain for system" >&2; exit 113 ;;
                  *slow*) sleep 5 ;;
                esac
                exit 0
                """.formatted(log));
        Files.setPosixFilePermissions(launchctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void restartsWithKickstartAndReloadsWithSighupOncePerLabel() throws IOException {
        LaunchctlRestarter r = new LaunchctlRestarter(launchctl, "system", Duration.ofSeconds(10));
        List<UnitResult> results = r.apply(Set.of("org.nginx", "com.both"), Set.of("com.both", "org.postgres"));
        assertEquals(List.of("kickstart -k system/com.both", "kickstart -k system/org.nginx",
                "kill SIGHUP system/org.postgres"), calls());
        assertTrue(results.stream().allMatch(UnitResult::ok), results::toString);
        assertEquals(UnitAction.RELOAD, results.get(2).action());
    }

    @Test
    void aFailingLaunchctlIsReportedWithItsMessage() {
        LaunchctlRestarter r = new LaunchctlRestarter(launchctl, "gui/501", Duration.ofSeconds(10));
        UnitResult bad = r.restart(Set.of("org.bad")).getFirst();
        assertFalse(bad.ok());
        assertEquals("failed", bad.result());
        assertTrue(bad.detail().contains("exited 113"), bad.detail());
        assertTrue(bad.detail().contains("Could not find service"), bad.detail());
        assertTrue(bad.detail().contains("gui/501/org.bad"), bad.detail());
    }

    @Test
    void labelsThatCouldBeOptionsOrOtherDomainsAreRefused() throws IOException {
        LaunchctlRestarter r = new LaunchctlRestarter(launchctl, "system", Duration.ofSeconds(10));
        List<UnitResult> results = r.restart(Set.of("-k", "../user/0/x"));
        assertTrue(results.stream().allMatch(u -> u.result().equals(UnitResult.CALL_FAILED)), results::toString);
        assertEquals(List.of(), calls());
    }

    @Test
    void aHangingLaunchctlTimesOut() {
        LaunchctlRestarter r = new LaunchctlRestarter(launchctl, "system", Duration.ofMillis(300));
        assertEquals(UnitResult.NO_RESULT, r.restart(Set.of("org.slow")).getFirst().result());
    }

    @Test
    void missingLaunchctlIsACallFailure() {
        LaunchctlRestarter r = new LaunchctlRestarter(dir.resolve("nope"), "system", Duration.ofSeconds(1));
        UnitResult u = r.restart(Set.of("org.x")).getFirst();
        assertEquals(UnitResult.CALL_FAILED, u.result());
        assertTrue(u.detail().contains("nope"), u.detail());
    }

    @Test
    void launchctlIsFoundOnPath() {
        assertEquals(launchctl, LaunchctlRestarter.findLaunchctl(Map.of("PATH", "/nonexistent:" + dir)));
        assertEquals(LaunchctlRestarter.DEFAULT_LAUNCHCTL, LaunchctlRestarter.findLaunchctl(Map.of("PATH", "/nonexistent")));
    }

    @Test
    void daemonsKickstartInTheSystemDomainAgentsInTheirGuiDomain() throws IOException {
        io.secretsd.testing.MacStandIns mac = new io.secretsd.testing.MacStandIns(dir.resolve("mac"), dir);
        Map<String, String> env = Map.of("PATH", mac.path());
        assertTrue(LaunchctlRestarter.forUid(env, 0).apply(Set.of("org.nixos.nginx"), Set.of()).get(0).ok());
        assertTrue(LaunchctlRestarter.forUid(env, 501).apply(Set.of("org.nix-community.home.app"), Set.of("com.x"))
                .stream().allMatch(UnitResult::ok));
        assertEquals(List.of("launchctl kickstart -k system/org.nixos.nginx",
                "launchctl kill SIGHUP gui/501/com.x",
                "launchctl kickstart -k gui/501/org.nix-community.home.app"), mac.calls());

        mac.fail("launchctl", "kickstart", 113, "Could not find service \"org.gone\" in domain for user gui: 501");
        UnitResult r = LaunchctlRestarter.forUid(env, 501).apply(Set.of("org.gone"), Set.of()).get(0);
        assertFalse(r.ok());
        assertEquals("kickstart -k gui/501/org.gone exited 113: Could not find service \"org.gone\" in domain for user gui: 501",
                r.detail());
    }
}
