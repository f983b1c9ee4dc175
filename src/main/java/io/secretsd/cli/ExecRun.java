package io.secretsd.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A command run on the user's behalf with {@code /bin/sh -c}: its exit status becomes ours, as a shell would have it. */
final class ExecRun {
    private ExecRun() {}

    /** {@code /bin/sh -c command}, as {@code runAs} if given, with the terminal and this process's environment. */
    static ProcessBuilder shell(String command, RunAs runAs) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(runAs == null ? argv : runAs.wrap(argv)).inheritIO();
        if (runAs != null) runAs.environment(pb.environment());
        return pb;
    }

    /** Starts {@code pb}; in the background with no terminal (as sops: /dev/null in, output discarded). */
    static Process start(ProcessBuilder pb, RunAs runAs, boolean background) throws IOException {
        if (background) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            if (runAs != null) throw new IOException("--user " + runAs.name() + ": could not start setpriv: " + e.getMessage(), e);
            throw e;
        }
    }

    static int waitFor(Process p) throws InterruptedException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
    }
}
