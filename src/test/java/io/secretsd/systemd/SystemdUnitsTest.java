package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd/secretsd.service and .socket through Debian's systemd-analyze: `verify` must be silent and
 * succeed, and `security --offline=yes` must keep the exposure at or under {@link #MAX_EXPOSURE}.
 * verify checks that Exec*= programs exist: it runs with --root on a scratch tree holding the units and
 * stand-ins for those programs, so the test needs no installed secretsd.
 */
class SystemdUnitsTest {

    /** 3.1 when written; the options that would lower it break the daemon (see the unit's comments). */
    static final double MAX_EXPOSURE = 3.1;

    private static final Path UNITS = Path.of(System.getProperty("user.dir"), "systemd");
    private static final Pattern EXEC = Pattern.compile("(?m)^Exec\\w+=[-@:+!]*(/\\S+)");

    @TempDir
    Path root;

    private record Result(int status, String output) {}

    private static Result analyze(List<String> args) throws IOException, InterruptedException {
        return analyze(args, Map.of());
    }

    private static Result analyze(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SocketActivationTest.requireTool("systemd-analyze"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SYSTEMD_COLORS", "0");
        pb.environment().put("SYSTEMD_PAGER", "");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze hung");
        return new Result(p.exitValue(), out);
    }

    /** Copies the units under root/etc/systemd/system and puts an executable stand-in at each Exec path. */
    private List<String> stage(String serviceText) throws IOException {
        Path dir = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(dir.resolve("secretsd.service"), serviceText);
        Files.copy(UNITS.resolve("secretsd.socket"), dir.resolve("secretsd.socket"));
        Matcher m = EXEC.matcher(serviceText);
        while (m.find()) {
            Path stub = root.resolve(m.group(1).substring(1));
            Files.createDirectories(stub.getParent());
            Files.writeString(stub, "#!/bin/sh\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return List.of("verify", "--root=" + root, dir.resolve("secretsd.service").toString(),
                dir.resolve("secretsd.socket").toString());
    }

    @Test
    void verifyAcceptsBothUnits() throws Exception {
        Result r = analyze(stage(Files.readString(UNITS.resolve("secretsd.service"))));
        assertEquals(0, r.status(), r.output());
        assertEquals("", r.output().strip(), "systemd-analyze verify warned");
    }

    /**
     * The user unit through a user manager's verify: --root does not work with --user, so the copy's
     * ExecStart points at a stand-in, and XDG_RUNTIME_DIR is a scratch folder.
     */
    @Test
    void verifyAcceptsTheUserUnit() throws Exception {
        Path stub = root.resolve("secretsd");
        Files.writeString(stub, "#!/bin/sh\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runtime = Files.createDirectories(root.resolve("xdg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String text = Files.readString(UNITS.resolve("user/secretsd.service"));
        assertTrue(text.contains("ExecStart=/usr/bin/secretsd "), text);
        Path unit = Files.createDirectories(root.resolve("user")).resolve("secretsd.service");
        Files.writeString(unit, text.replace("/usr/bin/secretsd", stub.toString()));
        Result r = analyze(List.of("--user", "verify", unit.toString()), Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(0, r.status(), r.output());
        assertEquals("", r.output().strip(), "systemd-analyze --user verify warned");
        assertTrue(text.contains("\nType=notify\n") && text.contains("\nWantedBy=default.target\n"), text);
    }

    @Test
    void verifyWouldCatchABrokenUnit() throws Exception {
        // the check above is only worth something if verify fails on a real mistake
        String broken = Files.readString(UNITS.resolve("secretsd.service"))
                .replace("ExecStart=/usr/bin/secretsd", "ExecStart=secretsd-not-absolute/x");
        Result r = analyze(stage(broken));
        assertNotEquals(0, r.status(), r.output());
    }

    @Test
    void exposureStaysLow() throws Exception {
        Result r = analyze(List.of("security", "--offline=yes", "--no-pager",
                UNITS.resolve("secretsd.service").toString()));
        assertEquals(0, r.status(), r.output());
        Matcher m = Pattern.compile("Overall exposure level for secretsd.service: (\\d+\\.\\d)").matcher(r.output());
        assertTrue(m.find(), r.output());
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("systemd-analyze security --offline=yes secretsd.service: exposure " + exposure);
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + " > " + MAX_EXPOSURE + "\n" + r.output());
    }
}
