package io.secretsd.cli;

import picocli.CommandLine.Command;

@Command(name = "age", mixinStandardHelpOptions = true,
        description = "age v1 files: encrypt, decrypt, generate keys (compatible with age 1.x).",
        subcommands = {AgeEncrypt.class, AgeDecrypt.class, AgeKeygen.class})
final class AgeCommand {}
