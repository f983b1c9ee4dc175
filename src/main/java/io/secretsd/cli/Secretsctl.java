package io.secretsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's tool: age and sops files by hand, checks, and (later) the daemon's status. */
@Command(name = "secretsctl", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Encrypt and decrypt age and sops files; inspect secretsd.",
        subcommands = {DemoCommand.class, StatusCommand.class, ReloadCommand.class, EventsCommand.class, SopsDecrypt.class, SopsEncrypt.class, CheckCommand.class, AgeCommand.class, SshToAgeCommand.class})
public final class Secretsctl {
    public static void main(String[] args) {
        System.exit(Cli.run(new Secretsctl(), "secretsctl", args));
    }
}
