package io.secretsd.control;

import io.secretsd.platform.Platform;
import io.secretsd.platform.Programs;
import io.secretsd.platform.RuntimeDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the control socket is when no {@code --socket} is given, for the daemon and for secretsctl alike:
 * the system path for root, the user's runtime directory for everyone else and for a {@code userMode}
 * manifest. The one place that decides it, so another platform adds its rule here.
 *
 * @param env        the environment ({@code SECRETSD_SOCKET}, {@code XDG_RUNTIME_DIR})
 * @param root       whether this process runs as uid 0
 * @param runtimeDir where a user's socket goes when {@code XDG_RUNTIME_DIR} is unset: on macOS, which never sets
 *                   it, the folder {@code getconf DARWIN_USER_TEMP_DIR} names (as {@code %r}); elsewhere none
 */
public record SocketDefault(Map<String, String> env, boolean root, RuntimeDirectory runtimeDir) {
    public SocketDefault(Map<String, String> env, boolean root) {
        this(env, root, RuntimeDirectory.fixed(Optional.empty()));
    }

    /** The socket's file name, in whichever directory. */
    public static final String NAME = "io.secretsd.Manager";
    /** The system daemon's socket (secretsd.socket listens there). */
    public static final Path SYSTEM = Path.of("/run/secretsd", NAME);

    public static SocketDefault current() {
        Map<String, String> env = System.getenv();
        Platform platform = Platform.current();
        return new SocketDefault(env, AccessPolicy.currentUid() == 0, platform == Platform.MACOS
                ? RuntimeDirectory.of(platform, env, Programs.fromEnvironment(env)) : RuntimeDirectory.fixed(Optional.empty()));
    }

    /** {@code $XDG_RUNTIME_DIR/secretsd/io.secretsd.Manager} when the variable is set, else in the fallback folder. */
    public Optional<Path> user() {
        Optional<String> dir = Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(s -> s.startsWith("/"));
        if (dir.isEmpty()) {
            try {
                dir = Optional.of(runtimeDir.find());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return dir.map(d -> Path.of(d, "secretsd", NAME));
    }

    /**
     * The daemon's socket: the system one when root runs a system manifest, else the user's.
     *
     * @throws IllegalStateException when a user socket is wanted and there is no runtime directory
     */
    public Path forDaemon(boolean userMode) {
        if (root && !userMode) {
            return SYSTEM;
        }
        return user().orElseThrow(() -> new IllegalStateException("no default control socket: $XDG_RUNTIME_DIR is not set"
                + (userMode ? " (the manifest has userMode: true)" : " and secretsd does not run as root")
                + "; pass --socket PATH"));
    }

    /**
     * secretsctl's socket: {@code $SECRETSD_SOCKET}; else, for anyone but root, the user's daemon when its
     * socket exists; else the system daemon's (which a member of its status group may ask too).
     */
    public Path forClient() {
        String explicit = env.get("SECRETSD_SOCKET");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        if (!root) {
            Optional<Path> mine = user().filter(Files::exists);
            if (mine.isPresent()) {
                return mine.get();
            }
        }
        return SYSTEM;
    }
}
