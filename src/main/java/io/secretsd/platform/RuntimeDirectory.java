package io.secretsd.platform;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code %r} points in user mode, as sops-install-secrets finds it: {@code $XDG_RUNTIME_DIR} on Linux; on
 * macOS, which has no such variable, the user's private temporary directory that
 * {@code getconf DARWIN_USER_TEMP_DIR} prints (under /var/folders, mode 0700), without its trailing slash.
 */
@FunctionalInterface
public interface RuntimeDirectory {
    /** The directory; throws with the reason when there is none. */
    String find() throws IOException;

    static RuntimeDirectory of(Platform platform, Map<String, String> env, Programs programs) {
        return switch (platform) {
            case LINUX -> fixed(Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(s -> !s.isEmpty()));
            case MACOS -> () -> darwinUserTempDir(programs);
        };
    }

    /** A directory given outright; none reads as an unset {@code $XDG_RUNTIME_DIR}. */
    static RuntimeDirectory fixed(Optional<String> dir) {
        return () -> dir.orElseThrow(() -> new IOException("$XDG_RUNTIME_DIR is not set"));
    }

    private static String darwinUserTempDir(Programs programs) throws IOException {
        Programs.Output out = programs.run("getconf", "DARWIN_USER_TEMP_DIR");
        if (!out.ok()) {
            throw new IOException("cannot get DARWIN_USER_TEMP_DIR: getconf " + out.failure());
        }
        String dir = out.stdout().stripTrailing();
        if (dir.endsWith("/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        if (!dir.startsWith("/")) {
            throw new IOException("cannot get DARWIN_USER_TEMP_DIR: getconf printed "
                    + (dir.isEmpty() ? "nothing" : "no absolute path"));
        }
        return dir;
    }
}
