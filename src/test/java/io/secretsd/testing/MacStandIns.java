package io.secretsd.testing;

import io.secretsd.platform.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for macOS's hdiutil, newfs_hfs, mount, getconf and launchctl in a directory put first on
 * {@code PATH}: each appends its name and arguments (one line, space-separated) to a shared log and answers
 * as the macOS program does on success (hdiutil attach prints the padded device name, newfs_hfs its summary,
 * getconf the directory with a trailing slash). {@link #fail} makes one of them fail as macOS would.
 */
public final class MacStandIns {
    public static final String DEVICE = "/dev/disk4";

    private final Path bin;
    private final Path log;
    private final Map<String, String> answers = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();

    public MacStandIns(Path dir, Path userTempDir) throws IOException {
        bin = Files.createDirectories(dir.resolve("mac-bin"));
        log = dir.resolve("mac-calls");
        answers.put("hdiutil", """
                case "$1" in
                  attach) printf '%s          \\t\\n' 'DEVICE' ;;
                  detach) printf '"disk4" ejected.\\n' ;;
                esac""".replace("DEVICE", DEVICE));
        answers.put("newfs_hfs", "echo 'Initialized /dev/rdisk4 as a 64 MB case-insensitive HFS Plus volume'");
        answers.put("mount", ":");
        answers.put("getconf", "[ \"$1\" = DARWIN_USER_TEMP_DIR ] && echo '" + userTempDir + "/' || "
                + "{ echo \"getconf: no such configuration parameter \\`$1'\" >&2; exit 1; }");
        answers.put("launchctl", ":");
        writeAll();
    }

    /** When {@code program}'s first argument is {@code firstArg} (any, if null): prints to stderr, exits. */
    public MacStandIns fail(String program, String firstArg, int status, String stderr) throws IOException {
        String test = firstArg == null ? "true" : "[ \"$1\" = '" + firstArg + "' ]";
        failures.put(program, "if " + test + "; then echo " + quoted(stderr) + " >&2; exit " + status + "; fi");
        writeAll();
        return this;
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Replaces what {@code program} does after logging its call. */
    public MacStandIns answer(String program, String shell) throws IOException {
        answers.put(program, shell);
        writeAll();
        return this;
    }

    private void writeAll() throws IOException {
        for (String name : answers.keySet()) {
            Path p = bin.resolve(name);
            Files.writeString(p, "#!/bin/sh\n"
                    + "{ printf '%s' '" + name + "'; for a in \"$@\"; do printf ' %s' \"$a\"; done; echo; } >> '"
                    + log + "'\n" + failures.getOrDefault(name, "") + "\n" + answers.get(name) + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The calls so far, in order: "hdiutil attach -nomount ram://131072", ... */
    public List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public void clearCalls() throws IOException {
        Files.deleteIfExists(log);
    }

    public Path bin() {
        return bin;
    }

    /** {@code PATH} with the stand-ins first, then this JVM's own. */
    public String path() {
        return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    public Programs programs() {
        return Programs.fromEnvironment(Map.of("PATH", path()));
    }
}
