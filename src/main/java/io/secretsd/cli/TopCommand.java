package io.secretsd.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The spec of a top-level command, built without annotations: reading annotations makes the JVM generate a
 * proxy class per annotation type, most of what {@code --version} would cost. Prints what
 * {@code @Command(mixinStandardHelpOptions = true, versionProvider = Version.class)} prints.
 */
final class TopCommand {
    private TopCommand() {}

    static CommandSpec spec(Object command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name).versionProvider(new Version());
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).arity("0").type(boolean.class)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).arity("0").type(boolean.class)
                .description("Print version information and exit.").build());
        return spec;
    }
}
