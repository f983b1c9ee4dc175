package io.secretsd.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The control socket's path, shared by status, reload and events. */
final class ControlOptions {
    @Option(names = "--socket", paramLabel = "PATH",
            defaultValue = "${env:SECRETSD_SOCKET:-/run/secretsd/io.secretsd.Manager}",
            description = "secretsd's control socket (default: $SECRETSD_SOCKET or ${DEFAULT-VALUE}).")
    Path socket;
}
