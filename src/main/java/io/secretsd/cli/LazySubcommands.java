package io.secretsd.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * Registers on a command line only the subcommand the arguments invoke. Whenever the arguments could need
 * more (a help or unknown option before the subcommand, an unknown word, no subcommand at all, a help
 * command that lists its siblings) every subcommand is registered, so usage, errors and suggestions stay
 * exactly what picocli prints for the whole tree.
 */
final class LazySubcommands {
    private static final Set<String> VERSION = Set.of("-V", "--version");

    private LazySubcommands() {}

    static void register(CommandLine parent, List<Subcommand> subs, String[] args, int from) {
        if (subs.isEmpty()) return;
        int i = from;
        while (i < args.length && args[i].startsWith("-") && !args[i].equals("--")) i++;
        if (i < args.length && i == from) {
            for (Subcommand s : subs) {
                if (s.name().equals(args[i]) && !listsSiblings(s)) {
                    register(add(parent, s), s.children(), args, i + 1);
                    return;
                }
            }
        }
        if (args.length == from + 1 && VERSION.contains(args[from])) return;
        registerAll(parent, subs);
    }

    private static void registerAll(CommandLine parent, List<Subcommand> subs) {
        for (Subcommand s : subs) registerAll(add(parent, s), s.children());
    }

    private static CommandLine add(CommandLine parent, Subcommand s) {
        CommandLine child = new CommandLine(s.type());
        parent.addSubcommand(s.name(), child);
        return child;
    }

    private static boolean listsSiblings(Subcommand s) {
        return CommandLine.IHelpCommandInitializable2.class.isAssignableFrom(s.type());
    }
}
