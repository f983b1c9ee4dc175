package io.secretsd.cli;

import picocli.CommandLine.Option;

/** What {@code exec-env} and {@code exec-file} share with sops: {@code --background} and {@code --user}. */
final class ExecOptions {
    @Option(names = "--background", description = "start COMMAND and return at once (exit 0), without waiting for it")
    boolean background;

    @Option(names = "--user", paramLabel = "USER", description = "run COMMAND as USER, with its groups, HOME, USER and LOGNAME (root only; uses setpriv)")
    String user;

    /** The account to run as, or null for this one. */
    RunAs runAs() throws java.io.IOException, InterruptedException {
        return user == null ? null : RunAs.lookup(user);
    }
}
