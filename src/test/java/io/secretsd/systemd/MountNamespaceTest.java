package io.secretsd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No unit of the project may run the daemon in a mount namespace: the ramfs it mounts on
 * /run/secrets.d would be seen by no other service. The settings are those that make systemd's
 * exec_needs_mount_namespace() true (src/core/execute.c, systemd 252 to 258), including the defaults
 * that changed: since 254 PrivateNetwork= and NetworkNamespacePath= imply PrivateMounts=yes unless it is
 * set, so every service unit here must say PrivateMounts=no itself (a drop-in may add PrivateNetwork=).
 * The Nix modules write service settings too; they are held to the same list.
 */
class MountNamespaceTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    /** Any value but these makes a mount namespace. */
    private static final Map<String, Set<String>> HARMLESS_ONLY = Map.ofEntries(
            Map.entry("PrivateTmp", Set.of("no", "false", "0", "off")),
            Map.entry("PrivateDevices", Set.of("no", "false", "0", "off")),
            Map.entry("PrivateMounts", Set.of("no", "false", "0", "off")),
            Map.entry("PrivateIPC", Set.of("no", "false", "0", "off")),
            Map.entry("PrivatePIDs", Set.of("no", "false", "0", "off")),
            Map.entry("PrivateBPF", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectSystem", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectHome", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectKernelTunables", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectKernelModules", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectKernelLogs", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectControlGroups", Set.of("no", "false", "0", "off")),
            Map.entry("ProtectProc", Set.of("default")),
            Map.entry("ProcSubset", Set.of("all")),
            Map.entry("MountFlags", Set.of("shared")),
            Map.entry("DynamicUser", Set.of("no", "false", "0", "off")),
            Map.entry("BindLogSockets", Set.of("no", "false", "0", "off")));

    /** Any value at all makes a mount namespace. */
    private static final Set<String> NEVER = Set.of("RootDirectory", "RootImage", "RootDirectoryFileDescriptor",
            "ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths", "ExecPaths", "NoExecPaths", "BindPaths",
            "BindReadOnlyPaths", "TemporaryFileSystem", "MountImages", "ExtensionImages", "ExtensionDirectories",
            "IPCNamespacePath", "LogNamespace", "MountAPIVFS");

    /** The problems of one unit's text; empty when it keeps the host's mount namespace. */
    static List<String> problems(String unitText) {
        Map<String, String> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : unitText.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("[Service]") && eq > 0) {
                service.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        List<String> out = new ArrayList<>();
        service.forEach((key, value) -> {
            Set<String> ok = HARMLESS_ONLY.get(key);
            if (ok != null && !value.isEmpty() && !ok.contains(value.toLowerCase())) {
                out.add(key + "=" + value + " creates a mount namespace");
            }
            if (NEVER.contains(key) && !value.isEmpty()) {
                out.add(key + "= creates a mount namespace");
            }
            if (key.matches("(Runtime|State|Cache|Logs|Configuration)Directory") && value.matches(".*:\\S*ro\\b.*")) {
                out.add(key + "= with a read-only flag creates a mount namespace");
            }
        });
        if (!"no".equalsIgnoreCase(service.get("PrivateMounts"))) {
            out.add("PrivateMounts=no is missing (PrivateNetwork= or NetworkNamespacePath=, here or in a drop-in,"
                    + " imply PrivateMounts=yes since systemd 254)");
        }
        return out;
    }

    private static List<Path> serviceUnits() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("systemd"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".service")).sorted().toList();
            assertTrue(all.contains(ROOT.resolve("systemd/secretsd.service")), all.toString());
            assertTrue(all.contains(ROOT.resolve("systemd/user/secretsd.service")), all.toString());
            return all;
        }
    }

    @Test
    void noServiceUnitCanGetAMountNamespace() throws IOException {
        for (Path unit : serviceUnits()) {
            assertEquals(List.of(), problems(Files.readString(unit)), unit.toString());
        }
    }

    @Test
    void theCheckCatchesWhatSystemd254WouldDo() {
        String ok = "[Service]\nExecStart=/bin/true\nPrivateNetwork=yes\nPrivateMounts=no\n";
        assertEquals(List.of(), problems(ok));
        assertFalse(problems(ok.replace("PrivateMounts=no\n", "")).isEmpty(), "PrivateNetwork= without PrivateMounts=no");
        assertFalse(problems(ok + "ProtectSystem=strict\n").isEmpty());
        assertFalse(problems(ok + "ReadOnlyPaths=/etc\n").isEmpty());
        assertFalse(problems(ok + "RuntimeDirectory=secretsd:ro\n").isEmpty());
        assertFalse(problems(ok + "MountFlags=private\n").isEmpty());
        assertEquals(List.of(), problems(ok + "# ProtectSystem=strict\nProtectProc=default\n"));
    }

    /** The Nix modules' serviceConfig must not bring back what the unit files keep out. */
    @Test
    void nixModulesSetNoMountNamespaceOption() throws IOException {
        Path nix = ROOT.resolve("nix");
        if (!Files.isDirectory(nix)) {
            return;
        }
        try (Stream<Path> s = Files.walk(nix)) {
            for (Path file : s.filter(p -> p.toString().endsWith(".nix")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String code = line.replaceFirst("#.*", "");
                    for (String key : NEVER) {
                        assertFalse(code.matches(".*\\b" + key + "\\s*=.*"), file + ": " + line);
                    }
                    for (String key : HARMLESS_ONLY.keySet()) {
                        if (code.matches(".*\\b" + key + "\\s*=.*")) {
                            assertTrue(code.matches(".*\\b" + key + "\\s*=\\s*(false|\"no\"|\"default\"|\"all\"|\"shared\").*"),
                                    file + ": " + line);
                        }
                    }
                }
            }
        }
    }
}
