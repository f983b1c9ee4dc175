package io.secretsd.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every sops verb accepts: where the config is, formats, the name used for rules and formats. */
final class SopsOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "the .sops.yaml to use (default: the first found from the working directory up)")
    Path config;

    @Option(names = "--indent", paramLabel = "N", description = "spaces a level in YAML and JSON output")
    Integer indent;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: from the file name)")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE", description = "default: the input type")
    String outputType;

    @Option(names = "--filename-override", paramLabel = "NAME",
            description = "use this name instead of FILE to pick the creation rule and the formats (needed with stdin)")
    Path filenameOverride;

    @Option(names = "--decryption-order", paramLabel = "TYPES", hidden = true, description = "accepted for sops compatibility; age is tried before pgp")
    String decryptionOrder;

    @Option(names = "--verbose", hidden = true, description = "accepted for sops compatibility")
    boolean verbose;

    @Option(names = "--enable-local-keyservice", hidden = true, arity = "0..1", description = "accepted for sops compatibility")
    boolean localKeyservice;
}
