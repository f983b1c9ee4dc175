package io.secretsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} on every command and subcommand, exiting 0, whatever else the command requires: a command
 * added later gets it without remembering {@code mixinStandardHelpOptions}.
 */
final class HelpOptions {
    private HelpOptions() {}

    /** Adds the help option to {@code cl} and every subcommand built so far that lacks one. */
    static void everywhere(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
            if (spec.findOption("--help") == null) {
                spec.addOption(OptionSpec.builder(names).usageHelp(true).arity("0").type(boolean.class)
                        .description("Show this help message and exit.").build());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) everywhere(sub);
    }
}
