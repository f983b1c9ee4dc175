package io.secretsd.cli;

import io.secretsd.sops.Extract;
import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sops -d}: prints a sops file's plaintext, the whole document or one key. */
@Command(name = "decrypt", description = "Decrypt a sops file (YAML, JSON, dotenv, INI, binary) and print what `sops -d` prints.")
final class SopsDecrypt implements Callable<Integer> {
    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv, ini or binary (default: from the file name)")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE", description = "default: the input type")
    String outputType;

    static final class Selection {
        @Option(names = "--key", paramLabel = "a/b/c", description = "a /-separated key, sops-nix style; the leaf must be a string")
        String key;

        @Option(names = "--extract", paramLabel = "EXPR", description = "sops' --extract, e.g. '[\"a\"][\"b\"]'")
        String extract;
    }

    @ArgGroup(exclusive = true)
    Selection selection;

    @Option(names = "--ignore-mac", description = "do not verify the MAC (a tampered file then decrypts)")
    boolean ignoreMac;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (created 0600) instead of stdout")
    Path output;

    @Mixin
    SopsKeyOptions keys;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        Format in = inputType == null ? Format.fromFileName(file.getFileName().toString()) : Format.parse(inputType);
        Format out = outputType == null ? in : Format.parse(outputType);
        byte[] content = Files.readAllBytes(file);
        String name = file.toString();
        byte[] plain;
        if (selection != null && selection.key != null) {
            plain = Sops.extractKey(name, content, in, selection.key, keys.open(), ignoreMac);
        } else if (selection != null && selection.extract != null) {
            plain = Sops.extract(name, content, in, out, Extract.parsePath(selection.extract), keys.open(), ignoreMac);
        } else {
            plain = Sops.decrypt(name, content, in, out, keys.open(), ignoreMac);
        }
        try (OutputFile o = OutputFile.open(output)) {
            o.stream().write(plain);
            o.commit();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return Cli.OK;
    }
}
