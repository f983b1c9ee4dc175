package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secretsd.platform.Platform;
import io.secretsd.platform.RuntimeDirectory;
import io.secretsd.testing.MacStandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** macOS never sets XDG_RUNTIME_DIR: a user's socket goes to the folder a stand-in getconf names, as %r does. */
class SocketDefaultMacTest {
    @TempDir
    Path tmp;

    @Test
    void aUsersSocketIsInTheDarwinUserTempDir() throws Exception {
        Path t = Files.createDirectories(tmp.resolve("var/folders/zz/abc/T"));
        MacStandIns mac = new MacStandIns(tmp, t);
        RuntimeDirectory darwin = RuntimeDirectory.of(Platform.MACOS, Map.of("PATH", mac.path()), mac.programs());
        SocketDefault user = new SocketDefault(Map.of(), false, darwin);
        Path socket = t.resolve("secretsd/io.secretsd.Manager");
        assertEquals(Optional.of(socket), user.user());
        assertEquals(socket, user.forDaemon(true));
        Files.createDirectories(socket.getParent());
        Files.createFile(socket);
        assertEquals(socket, user.forClient(), "secretsctl in a Terminal finds the LaunchAgent's socket");
        assertEquals(Optional.of(Path.of("/x/secretsd/io.secretsd.Manager")),
                new SocketDefault(Map.of("XDG_RUNTIME_DIR", "/x"), false, darwin).user(), "a set XDG_RUNTIME_DIR wins");
        mac.fail("getconf", null, 1, "getconf: no such configuration parameter");
        assertEquals(Optional.empty(), user.user());
    }
}
