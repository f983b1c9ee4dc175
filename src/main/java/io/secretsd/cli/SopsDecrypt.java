package io.secretsd.cli;

import io.secretsd.sops.Emit;
import io.secretsd.sops.Extract;
import io.secretsd.sops.ExtractException;
import io.secretsd.sops.Format;
import io.secretsd.sops.Scalar;
import io.secretsd.sops.ScalarType;
import io.secretsd.sops.Sops;
import io.secretsd.sops.Value;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sops decrypt} / {@code sops -d}: prints a sops file's plaintext, the whole document or one value. */
@Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt a sops file (YAML, JSON, dotenv, INI, binary) and print what `sops -d` prints.")
final class SopsDecrypt implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

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

    @Option(names = {"-i", "--in-place"}, description = "replace FILE with its plaintext")
    boolean inPlace;

    @Mixin
    SopsKeyOptions keys;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the encrypted file; stdin when absent or '-'")
    String file;

    @Override
    public Integer call() throws Exception {
        if (SopsTarget.isStdin(file) && inPlace) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot use --in-place when reading from stdin");
        if (inPlace && output != null) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot operate on both --output and --in-place");
        List<Object> path = null;
        if (selection != null && selection.extract != null) {
            try {
                path = Extract.parsePath(selection.extract);
            } catch (ExtractException e) {
                throw new SopsExit(SopsExit.INVALID_TREE_PATH, "error parsing --extract path: " + e.getMessage());
            }
        }
        SopsTarget t = SopsTarget.of(file, sops, true);
        Format in = t.inputFormat();
        Emit out = t.emit();
        byte[] plain;
        if (selection != null && selection.key != null) {
            plain = Sops.extractKey(t.name(), t.read(), in, selection.key, keys.open(), ignoreMac);
        } else {
            try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), ignoreMac)) {
                if (path != null) {
                    Value v;
                    try {
                        v = Extract.at(d.document(), path);
                    } catch (ExtractException e) {
                        throw new ExtractException(t.name() + ": " + e.getMessage());
                    }
                    plain = v instanceof Scalar s && s.type() == ScalarType.STR ? s.bytes() : out.store().emitValue(v);
                } else {
                    plain = out.store().emitPlain(d.document());
                }
            }
        }
        try {
            SopsFiles.write(inPlace ? t.file() : output, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return Cli.OK;
    }
}
