package io.secretsd.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The operator's tool: age and sops files by hand, checks, and the daemon's status.
 * Subcommands are listed in {@link #SUBCOMMANDS}, not in {@code @Command(subcommands)}, so that a run
 * builds only the one it invokes; a new one is a line there (its name as in its own {@code @Command}).
 * This command itself is built without annotations ({@link TopCommand}).
 */
public final class Secretsctl {
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("demo", DemoCommand.class),
            new Subcommand("status", StatusCommand.class),
            new Subcommand("reload", ReloadCommand.class),
            new Subcommand("events", EventsCommand.class),
            new Subcommand("decrypt", SopsDecrypt.class),
            new Subcommand("encrypt", SopsEncrypt.class),
            new Subcommand("set", SopsSet.class),
            new Subcommand("unset", SopsUnset.class),
            new Subcommand("edit", SopsEdit.class),
            new Subcommand("updatekeys", SopsUpdateKeys.class),
            new Subcommand("rotate", SopsRotate.class),
            new Subcommand("exec-env", SopsExecEnv.class),
            new Subcommand("exec-file", SopsExecFile.class),
            new Subcommand("filestatus", SopsFileStatus.class),
            new Subcommand("groups", SopsGroups.class),
            new Subcommand("check", CheckCommand.class),
            new Subcommand("placeholder", PlaceholderCommand.class),
            new Subcommand("age", AgeCommand.class,
                    new Subcommand("encrypt", AgeEncrypt.class),
                    new Subcommand("decrypt", AgeDecrypt.class),
                    new Subcommand("keygen", AgeKeygen.class)),
            new Subcommand("ssh-to-age", SshToAgeCommand.class));

    /** Every subcommand name: anything else in first place is sops' verb-less form (see {@link SopsArgs}). */
    static final Set<String> VERBS = Set.of("demo", "status", "reload", "events", "decrypt", "encrypt",
            "set", "unset", "edit", "updatekeys", "rotate", "exec-env", "exec-file", "filestatus", "groups", "check", "placeholder", "age",
            "ssh-to-age", "help");

    public static void main(String[] args) {
        ShortRun.prepare();
        String[] verbs = SopsArgs.rewrite(args, VERBS);
        int quick = QuickCommands.run("secretsctl", verbs);
        ShortRun.exit(quick >= 0 ? quick : Cli.run(spec(), "secretsctl", SUBCOMMANDS, verbs));
    }

    /** The whole command tree, every subcommand built (for tests; a run builds only the invoked one). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(spec());
        LazySubcommands.register(cl, SUBCOMMANDS, new String[0], 0);
        return cl;
    }

    static CommandSpec spec() {
        return TopCommand.spec(new Secretsctl(), "secretsctl", "Encrypt and decrypt age and sops files; inspect secretsd.");
    }
}
