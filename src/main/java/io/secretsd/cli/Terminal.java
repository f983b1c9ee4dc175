package io.secretsd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output may be a terminal, answered without java.io.Console and its terminal library. */
final class Terminal {
    private static final Path STDOUT = Path.of("/proc/self/fd/1");

    private Terminal() {}

    /** False only when the kernel says fd 1 is something else (a pipe, a file, a socket); true when it cannot tell. */
    static boolean stdoutMayBeTerminal() {
        try {
            String target = Files.readSymbolicLink(STDOUT).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }
}
