package io.secretsd.cli;

import io.secretsd.control.SocketDefault;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The control socket's path, shared by status, reload and events. */
final class ControlOptions {
    @Option(names = "--socket", paramLabel = "PATH",
            description = "secretsd's control socket (default: $SECRETSD_SOCKET; else, not as root, "
                    + "$XDG_RUNTIME_DIR/secretsd/io.secretsd.Manager when that exists; else /run/secretsd/io.secretsd.Manager).")
    Path socket;

    Path socket() {
        return orDefault(socket);
    }

    /** The socket given, else where the daemon listens by default. */
    static Path orDefault(Path socket) {
        return socket != null ? socket : SocketDefault.current().forClient();
    }
}
