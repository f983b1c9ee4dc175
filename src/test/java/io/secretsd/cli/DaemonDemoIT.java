package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `secretsd demo --once`, the README's first command, as a real process: the daemon's whole tour runs (host
 * key, sops files, status, a live change re-rendered and reported over the control socket), nothing secret
 * is printed, and it needs no root.
 */
class DaemonDemoIT {
    @TempDir
    Path tmp;

    @Test
    void tourRunsAndPrintsNoSecret() {
        check(Proc.run(Proc.dist("secretsd"), "demo", "--once"));
    }

    @Test
    void needsNoRoot() throws IOException {
        // CI runs as root; drop to nobody, with a home and a tmpdir it may write (junixsocket unpacks its library there).
        if (!Proc.run("id", "-u").out().strip().equals("0")) {
            check(Proc.run(Proc.dist("secretsd"), "demo", "--once"));
            return;
        }
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> cmd = new ArrayList<>(List.of(Proc.require("setpriv"), "--reuid", "nobody", "--regid", "nogroup",
                "--clear-groups", "env", "HOME=" + home, "TMPDIR=" + home, "SECRETSD_JAVA_OPTS=-Djava.io.tmpdir=" + home,
                Proc.dist("secretsd"), "demo", "--once"));
        String out = check(Proc.run(null, Map.of(), cmd));
        assertTrue(out.contains("scratch folder " + home), "the scratch folder is under nobody's TMPDIR:\n" + out);
    }

    private static String check(Proc.Result r) {
        String out = r.out();
        assertEquals(0, r.exit(), r + "\n" + out);
        for (String step : new String[] {
                "generate a host SSH key", "ssh-ed25519 SHA256:", "its age recipient", "encrypt example secrets",
                "user mode", "generation 1 installed", "`secretsctl status --socket ctl.sock`:",
                "db-password  secret    ok", "app.env      template  ok", "subscribed (1 subscriber)",
                "change db/password", "modified secret db-password", "modified template app.env", "(generation 2)",
                "content changed", "(template): re-rendered", ", up ", "Tour done (--once)"}) {
            assertTrue(out.contains(step), "missing \"" + step + "\" in:\n" + out);
        }
        assertTrue(out.indexOf("modified secret db-password") > out.indexOf("change db/password"), out);
        for (String secret : new String[] {DaemonDemoCommand.DB_PASSWORD, DaemonDemoCommand.DB_PASSWORD_ROTATED,
                DaemonDemoCommand.API_TOKEN, "demo-db-password-", "demo-api-token-", "AGE-SECRET-KEY", "PRIVATE KEY"}) {
            assertFalse(out.contains(secret) || r.stderr().contains(secret), "printed " + secret);
        }
        Matcher dir = Pattern.compile("scratch folder (\\S+)").matcher(out);
        assertTrue(dir.find(), out);
        assertFalse(Files.exists(Path.of(dir.group(1))), "the scratch folder is removed: " + dir.group(1));
        return out;
    }
}
