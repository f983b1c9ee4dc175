package io.secretsd.cli;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code exec-env} and {@code exec-file} share: FILE and COMMAND, {@code --ignore-mac}, {@code --background}, {@code --user}. */
final class ExecOptions {
    @Option(names = "--background", description = "start COMMAND and return at once (exit 0), without waiting for it")
    boolean background;

    @Option(names = "--user", paramLabel = "USER", description = "run COMMAND as USER, with its groups, HOME, USER and LOGNAME (root only; uses setpriv)")
    String user;

    @Option(names = "--ignore-mac", description = "do not verify the MAC")
    boolean ignoreMac;

    @Parameters(paramLabel = "FILE COMMAND", description = "the sops file, then the command to run (with /bin/sh -c)")
    List<String> args;

    /** Refuses anything but exactly FILE and COMMAND. */
    void checkArgs() {
        if (args == null || args.size() != 2) throw new UsageException("missing file to decrypt: give FILE and COMMAND");
    }

    String file() {
        return args.get(0);
    }

    String command() {
        return args.get(1);
    }

    /** The account to run as (checked: only root may switch), or null for this one. */
    RunAs runAs() throws java.io.IOException, InterruptedException {
        if (user == null) return null;
        RunAs r = RunAs.lookup(user);
        r.checkAllowed();
        return r;
    }
}
