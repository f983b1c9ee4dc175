package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.secretsd.testing.Proc;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, defect 2: a secret's {@code path} runs through a directory an unprivileged user owns, and that user
 * (a real process under {@code setpriv --reuid=65534}) plants a symbolic link there to a root-only folder.
 * Before: root replaced the root-only {@code victim/cfg} with its link and created directories through the
 * user's link. Now the entry is refused with the unsafe transition named; nothing of root's is touched.
 */
class UnsafePathTest {
    @TempDir
    Path tmp;
    Host host;
    Path home;
    Path victim;

    @BeforeEach
    void plant() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        host = new Host(tmp.resolve("host"));
        host.fillSources();
        home = tmp.resolve("home");
        Files.createDirectories(home);
        Proc.Result chown = Proc.run("chown", "65534:65534", home.toString());
        assertEquals(0, chown.exit(), chown.toString());
        Path rootOnly = tmp.resolve("root-only");
        victim = rootOnly.resolve("victim");
        Files.createDirectories(victim);
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(victim.resolve("cfg"), "root's own file");
        Proc.Result ln = Proc.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "ln", "-s", victim.toString(), home.resolve("dir").toString());
        assertEquals(0, ln.exit(), ln.toString());
    }

    private ActivationResult install(String path) throws Exception {
        return host.run("""
                {"name":"app","key":"test_key","sopsFile":"ROOT/secrets.yaml","path":"%s"},
                {"name":"other","key":"test_key","sopsFile":"ROOT/secrets.yaml","path":"%s"}"""
                .formatted(path, tmp.resolve("etc/other")), "", "");
    }

    @Test
    void aUsersLinkToARootOnlyFolderIsNotFollowed() throws Exception {
        ActivationResult r = install(home.resolve("dir/cfg").toString());
        assertEquals("root's own file", Files.readString(victim.resolve("cfg")));
        assertFalse(Files.isSymbolicLink(victim.resolve("cfg")));
        assertEquals(1, r.exitStatus(), r.errors().toString());
        assertEquals(List.of(home.resolve("dir/cfg") + ": cannot place the link for app: unsafe path transition from " + home.resolve("dir") + " (owned by nobody) to / (owned by root);"
                + " refusing to follow it as root"), r.errors());
        assertEquals("test_value", host.read("other")); // the other entry is installed
        assertTrue(Files.isSymbolicLink(tmp.resolve("etc/other")));
    }

    @Test
    void noDirectoryIsCreatedThroughAUsersLink() throws Exception {
        ActivationResult r = install(home.resolve("dir/sub/cfg").toString());
        assertEquals(1, r.exitStatus());
        assertFalse(Files.exists(victim.resolve("sub"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aUsersRelativeLinkUpwardIsRefusedAtTheFirstStepOut() throws Exception {
        Path up = home.resolve("up");
        String rel = home.relativize(victim).toString(); // ../root-only/victim
        Proc.Result ln = Proc.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "ln", "-s", rel, up.toString());
        assertEquals(0, ln.exit(), ln.toString());
        ActivationResult r = install(up.resolve("cfg").toString());
        assertEquals(1, r.exitStatus());
        assertTrue(r.errors().getFirst().contains("unsafe path transition"), r.errors().toString());
        assertEquals("root's own file", Files.readString(victim.resolve("cfg")));
    }

    @Test
    void aDirectoryCreatedInAUsersDirectoryIsTheirsAndAReachableMode() throws Exception {
        ActivationResult r = install(home.resolve("app/conf/cfg").toString());
        assertEquals(0, r.exitStatus(), r.errors().toString());
        for (Path d : List.of(home.resolve("app"), home.resolve("app/conf"))) {
            assertEquals(65534, Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(0755, (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        }
        assertEquals("test_value", Files.readString(home.resolve("app/conf/cfg")));
    }
}
