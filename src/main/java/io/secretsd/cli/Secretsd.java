package io.secretsd.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The daemon and its one-shot activation, started by systemd or launchd.
 * Subcommands are listed in {@link #SUBCOMMANDS} (see {@link Secretsctl}), built only when invoked.
 */
public final class Secretsd {
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("run", RunCommand.class),
            new Subcommand("activate", ActivateCommand.class),
            new Subcommand("demo", DaemonDemoCommand.class));

    public static void main(String[] args) {
        ShortRun.prepare();
        int quick = QuickCommands.run("secretsd", args);
        int code = quick >= 0 ? quick : Cli.run(spec(), "secretsd", SUBCOMMANDS, args);
        // The daemon and its demo end through their shutdown hooks; a one-shot activation has none.
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("demo"))) System.exit(code);
        ShortRun.exit(code);
    }

    /** The whole command tree, every subcommand built (for tests; a run builds only the invoked one). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(spec());
        LazySubcommands.register(cl, SUBCOMMANDS, new String[0], 0);
        return cl;
    }

    static CommandSpec spec() {
        return TopCommand.spec(new Secretsd(), "secretsd", "Install sops secrets into /run/secrets and keep them current.");
    }
}
