package io.secretsd.cli;

/** Waiting for a command run on the user's behalf: its exit status becomes ours, as a shell would have it. */
final class ExecRun {
    private ExecRun() {}

    static int waitFor(Process p) throws InterruptedException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
    }
}
