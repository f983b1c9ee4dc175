package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization by the kernel's peer credentials, with real client processes: this JVM as root,
 * and socat run by setpriv as nobody, with and without the status group.
 */
class PeerCredentialsTest {
    static final String STATUS = "{\"method\":\"io.secretsd.Manager.GetStatus\"}";
    static final String INFO = "{\"method\":\"org.varlink.service.GetInfo\"}";
    static final String RELOAD = "{\"method\":\"io.secretsd.Manager.Reload\"}";

    @TempDir
    Path dir;
    Path passwd;
    Path group;

    @BeforeEach
    void users() throws IOException {
        assumeTrue(AccessPolicy.currentUid() == 0, "needs root (CI runs tests as root) to run clients as nobody");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path etc = Files.createDirectory(dir.resolve("etc"));
        passwd = etc.resolve("passwd");
        group = etc.resolve("group");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
    }

    private TestDaemon daemon(String groupFile) throws IOException {
        Files.writeString(group, groupFile);
        Path sockDir = Files.createDirectory(dir.resolve("run"));
        return new TestDaemon(sockDir, new AccessPolicy(0, 4242, passwd, group), ControlServer.Limits.DEFAULT);
    }

    /** Sends each call from a socat process running as nobody; returns the replies (NUL-separated). */
    private static List<Map<String, Object>> asNobody(Path socket, String regid, String... calls) throws IOException {
        Proc.require("socat");
        Proc.require("setpriv");
        StringBuilder in = new StringBuilder();
        for (String c : calls) in.append(c).append('\0');
        Proc.Result r = Proc.runIn(in.toString().getBytes(StandardCharsets.UTF_8),
                "setpriv", "--reuid", "nobody", "--regid", regid, "--clear-groups",
                "socat", "-t", "5", "-", "UNIX-CONNECT:" + socket);
        assertEquals(0, r.exit(), r.toString());
        List<Map<String, Object>> replies = new ArrayList<>();
        for (String m : r.out().split("\0")) {
            if (!m.isEmpty()) replies.add(Json.parseObject(m));
        }
        assertEquals(calls.length, replies.size(), r.out());
        return replies;
    }

    @Test
    void rootMayDoEverything() throws IOException {
        try (TestDaemon d = daemon("status:x:4242:\n"); ControlClient c = ControlClient.connect(d.socket)) {
            assertEquals(3, c.status().entries().size());
            c.reload();
            assertEquals(1, d.reloads.get());
        }
    }

    @Test
    void nobodyIsRefusedEverything() throws IOException {
        try (TestDaemon d = daemon("status:x:4242:someone\n")) {
            for (Map<String, Object> reply : asNobody(d.socket, "nogroup", STATUS, INFO, RELOAD,
                    "{\"method\":\"org.varlink.service.GetInterfaceDescription\",\"parameters\":{\"interface\":\"io.secretsd.Manager\"}}",
                    "{\"method\":\"org.example.Unknown.Call\"}",
                    "{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true}",
                    // authorization comes before any look at the parameters
                    "{\"method\":\"io.secretsd.Manager.GetStatus\",\"parameters\":5}",
                    "{\"method\":\"io.secretsd.Manager.GetStatus\",\"parameters\":{\"verbose\":true}}",
                    "{\"method\":\"org.varlink.service.GetInterfaceDescription\",\"parameters\":{\"interface\":5}}",
                    "{\"method\":\"io.secretsd.Manager.Subscribe\",\"more\":true,\"parameters\":[]}")) {
                assertEquals("org.varlink.service.PermissionDenied", reply.get("error"), reply.toString());
                assertTrue(!reply.containsKey("continues"));
            }
            assertEquals(0, d.reloads.get());
        }
    }

    @Test
    void statusGroupMembersMayReadButNotReload() throws IOException {
        try (TestDaemon d = daemon("status:x:4242:daemon,nobody\n")) {
            List<Map<String, Object>> r = asNobody(d.socket, "nogroup", STATUS, INFO, RELOAD,
                    "{\"method\":\"io.secretsd.Manager.Reload\",\"parameters\":{\"x\":1}}");
            assertEquals("org.varlink.service.PermissionDenied", r.get(3).get("error"), "a reader may not reload, whatever it passes");
            assertEquals(3, ((List<?>) Wire.object(r.get(0), "parameters").get("entries")).size(), r.get(0).toString());
            assertEquals("1.2.3", Wire.object(r.get(1), "parameters").get("version"));
            assertEquals("org.varlink.service.PermissionDenied", r.get(2).get("error"));
            assertEquals(0, d.reloads.get());
        }
    }

    @Test
    void thePeersPrimaryGroupCountsToo() throws IOException {
        try (TestDaemon d = daemon("status:x:4242:\n")) {
            List<Map<String, Object>> r = asNobody(d.socket, "4242", STATUS, RELOAD);
            assertTrue(Wire.object(r.get(0), "parameters").containsKey("entries"), r.get(0).toString());
            assertEquals("org.varlink.service.PermissionDenied", r.get(1).get("error"));
        }
    }

    @Test
    void policyDecisions() throws IOException {
        Files.writeString(group, "status:x:4242:alice\nother:x:5:bob\n");
        Files.writeString(passwd, "alice:x:1000:1000::/:/bin/sh\nbob:x:1001:1001::/:/bin/sh\ncarol:x:1002:4242::/:/bin/sh\nbroken:x:zz\n");
        AccessPolicy p = new AccessPolicy(999, 4242, passwd, group);
        assertEquals(Access.FULL, p.decide(new PeerCredentials(1, 0, 0)));
        assertEquals(Access.FULL, p.decide(new PeerCredentials(1, 999, 999)), "the daemon's own user");
        assertEquals(Access.READ, p.decide(new PeerCredentials(1, 1000, 1000)), "listed member");
        assertEquals(Access.READ, p.decide(new PeerCredentials(1, 1002, 1002)), "primary group in passwd");
        assertEquals(Access.READ, p.decide(new PeerCredentials(1, 5000, 4242)), "peer's gid");
        assertEquals(Access.DENIED, p.decide(new PeerCredentials(1, 1001, 1001)));
        assertEquals(Access.READ, p.decide(new PeerCredentials(1, 1001, 20, List.of(20L, 12L, 4242L))),
                "a supplementary group the kernel gave (macOS's LOCAL_PEERCRED)");
        assertEquals(Access.DENIED, p.decide(new PeerCredentials(1, 65534, 65534)));
        // group file edits take effect without a restart
        Files.writeString(group, "status:x:4242:alice,bob\n");
        Files.setLastModifiedTime(group, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(Access.READ, p.decide(new PeerCredentials(1, 1001, 1001)));
        assertEquals(Access.DENIED, new AccessPolicy(999, AccessPolicy.NO_GROUP, passwd, group).decide(new PeerCredentials(1, 1000, 4242)));
        assertEquals(4242, AccessPolicy.resolveGroup("status", group));
        assertEquals(77, AccessPolicy.resolveGroup("77", group));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> AccessPolicy.resolveGroup("nope", group))
                .getMessage().contains("no group named nope"));
    }
}
