package io.secretsd.cli;

import java.util.List;

/**
 * A subcommand known by its name before its class is read, so a run builds only the command it invokes
 * (picocli reading every command's annotations costs more than most commands' own work).
 * {@code name} must equal the class's {@code @Command(name)}; {@code SubcommandTest} checks it.
 */
record Subcommand(String name, Class<?> type, List<Subcommand> children) {
    Subcommand(String name, Class<?> type, Subcommand... children) {
        this(name, type, List.of(children));
    }
}
