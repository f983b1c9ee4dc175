package io.secretsd.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secretsd.testing.MacStandIns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {
    @TempDir
    Path tmp;

    @Test
    void osNames() {
        assertEquals(Platform.MACOS, Platform.ofOsName("Mac OS X"));
        assertEquals(Platform.LINUX, Platform.ofOsName("Linux"));
        assertEquals(Platform.LINUX, Platform.ofOsName("FreeBSD"));
    }

    @Test
    void overriddenBySystemProperty() {
        String before = System.getProperty(Platform.OVERRIDE);
        try {
            System.setProperty(Platform.OVERRIDE, "macos");
            assertEquals(Platform.MACOS, Platform.current());
            System.setProperty(Platform.OVERRIDE, "linux");
            assertEquals(Platform.LINUX, Platform.current());
            System.setProperty(Platform.OVERRIDE, "plan9");
            assertEquals("secretsd.platform: unknown platform plan9 (linux, macos)",
                    assertThrows(IllegalArgumentException.class, Platform::current).getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Platform.OVERRIDE);
            } else {
                System.setProperty(Platform.OVERRIDE, before);
            }
        }
    }

    @Test
    void linuxRuntimeDirectoryIsXdgRuntimeDir() throws IOException {
        Programs none = Programs.fromEnvironment(Map.of());
        assertEquals("/run/user/1000",
                RuntimeDirectory.of(Platform.LINUX, Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), none).find());
        assertEquals("$XDG_RUNTIME_DIR is not set", assertThrows(IOException.class,
                () -> RuntimeDirectory.of(Platform.LINUX, Map.of(), none).find()).getMessage());
        assertEquals("$XDG_RUNTIME_DIR is not set", assertThrows(IOException.class,
                () -> RuntimeDirectory.fixed(Optional.empty()).find()).getMessage());
    }

    @Test
    void macRuntimeDirectoryIsGetconfsWithoutTheSlash() throws IOException {
        Path t = tmp.resolve("var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T");
        MacStandIns mac = new MacStandIns(tmp, t);
        // XDG_RUNTIME_DIR does not count on macOS, as in sops-install-secrets
        Map<String, String> env = Map.of("PATH", mac.path(), "XDG_RUNTIME_DIR", "/run/user/501");
        assertEquals(t.toString(), RuntimeDirectory.of(Platform.MACOS, env, mac.programs()).find());
        assertEquals(java.util.List.of("getconf DARWIN_USER_TEMP_DIR"), mac.calls());

        mac.answer("getconf", "printf ''");
        assertEquals("cannot get DARWIN_USER_TEMP_DIR: getconf printed nothing", assertThrows(IOException.class,
                () -> RuntimeDirectory.of(Platform.MACOS, env, mac.programs()).find()).getMessage());
        mac.fail("getconf", "DARWIN_USER_TEMP_DIR", 1, "getconf: no such configuration parameter `DARWIN_USER_TEMP_DIR'");
        assertEquals("cannot get DARWIN_USER_TEMP_DIR: getconf exited with 1: getconf: no such configuration "
                        + "parameter `DARWIN_USER_TEMP_DIR'", assertThrows(IOException.class,
                () -> RuntimeDirectory.of(Platform.MACOS, env, mac.programs()).find()).getMessage());
    }

    @Test
    void programsOutputAndTimeout() throws IOException {
        MacStandIns mac = new MacStandIns(tmp, tmp);
        mac.answer("launchctl", "sleep 30");
        Programs quick = new Programs(Programs.fromEnvironment(Map.of("PATH", mac.path())).searchPath(),
                java.time.Duration.ofMillis(300));
        assertEquals("launchctl did not finish within 0s",
                assertThrows(IOException.class, () -> quick.run("launchctl", "list")).getMessage());
        assertEquals("nope not found on PATH", assertThrows(IOException.class, () -> quick.find("nope")).getMessage());
    }
}
