package io.secretsd.cli;

import picocli.CommandLine.Command;

/** {@code secretsctl age}: its subcommands are listed in {@link Secretsctl#SUBCOMMANDS}, built only when invoked. */
@Command(name = "age", mixinStandardHelpOptions = true,
        description = "age v1 files: encrypt, decrypt, generate keys (compatible with age 1.x).")
final class AgeCommand {}
