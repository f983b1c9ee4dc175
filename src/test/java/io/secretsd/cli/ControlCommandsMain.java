package io.secretsd.cli;

import picocli.CommandLine.Command;

/** A secretsctl with only the control commands, for tests that run them as a process (the lead registers them in Secretsctl). */
@Command(name = "secretsctl", subcommands = {StatusCommand.class, ReloadCommand.class, EventsCommand.class})
public final class ControlCommandsMain {
    public static void main(String[] args) {
        System.exit(Cli.run(new ControlCommandsMain(), "secretsctl", args));
    }
}
