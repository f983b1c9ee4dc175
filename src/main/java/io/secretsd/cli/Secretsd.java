package io.secretsd.cli;

import picocli.CommandLine.Command;

/** The daemon and its one-shot activation, started by systemd or launchd. */
@Command(name = "secretsd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Install sops secrets into /run/secrets and keep them current.",
        subcommands = {RunCommand.class, ActivateCommand.class, DaemonDemoCommand.class})
public final class Secretsd {
    public static void main(String[] args) {
        System.exit(Cli.run(new Secretsd(), "secretsd", args));
    }
}
