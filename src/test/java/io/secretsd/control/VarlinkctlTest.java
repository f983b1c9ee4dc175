package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd's own varlink client against the server. varlinkctl arrived in systemd 255; Debian 12
 * ships 252, so on these machines this test is skipped (the socat tests speak raw varlink instead).
 */
class VarlinkctlTest {
    @TempDir
    Path dir;

    private static String varlinkctl() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, "varlinkctl");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    @Test
    void varlinkctlIntrospectsAndCalls() throws Exception {
        String tool = varlinkctl();
        assumeTrue(tool != null, "varlinkctl not installed (systemd >= 255 needed)");
        try (TestDaemon d = new TestDaemon(dir)) {
            Proc.Result info = Proc.run(tool, "info", d.socket.toString());
            assertEquals(0, info.exit(), info.toString());
            assertTrue(info.out().contains("io.secretsd.Manager"), info.out());
            Proc.Result idl = Proc.run(tool, "introspect", d.socket.toString(), "io.secretsd.Manager");
            assertEquals(0, idl.exit(), idl.toString());
            assertTrue(idl.out().contains("GetStatus"), idl.out());
            Proc.Result status = Proc.run(tool, "call", d.socket.toString(), "io.secretsd.Manager.GetStatus", "{}");
            assertEquals(0, status.exit(), status.toString());
            assertTrue(status.out().contains("db/password"), status.out());
        }
    }
}
