package io.secretsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's tool: age and sops files by hand, checks, and (later) the daemon's status. */
@Command(name = "secretsctl", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Encrypt and decrypt age and sops files; inspect secretsd.",
        subcommands = {DemoCommand.class, StatusCommand.class, ReloadCommand.class, EventsCommand.class, SopsDecrypt.class, SopsEncrypt.class, SopsSet.class, SopsUnset.class, SopsEdit.class, SopsUpdateKeys.class, SopsRotate.class, CheckCommand.class, PlaceholderCommand.class, AgeCommand.class, SshToAgeCommand.class})
public final class Secretsctl {
    /** Every subcommand name: anything else in first place is sops' verb-less form (see {@link SopsArgs}). */
    static final java.util.Set<String> VERBS = java.util.Set.of("demo", "status", "reload", "events", "decrypt", "encrypt",
            "set", "unset", "edit", "updatekeys", "rotate", "exec-env", "exec-file", "filestatus", "groups", "check", "placeholder", "age",
            "ssh-to-age", "help");

    public static void main(String[] args) {
        System.exit(Cli.run(new Secretsctl(), "secretsctl", SopsArgs.rewrite(args, VERBS)));
    }
}
