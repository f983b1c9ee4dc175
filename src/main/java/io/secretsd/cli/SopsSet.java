package io.secretsd.cli;

import io.secretsd.sops.Extract;
import io.secretsd.sops.ExtractException;
import io.secretsd.sops.Sops;
import io.secretsd.sops.SopsFormatException;
import io.secretsd.sops.TreeEdit;
import io.secretsd.sops.Value;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sops set FILE INDEX VALUE}: one value changed in place. Every other value keeps its ciphertext and IV,
 * so the file's diff is that value's line plus {@code lastmodified} and {@code mac}.
 */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Set one value of a sops file: INDEX is sops' [\"a\"][\"b\"][0] syntax, VALUE is JSON (\"text\", 2, {\"k\": 1}).")
final class SopsSet implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = "--value-file", description = "VALUE names a file whose content is the JSON value")
    boolean valueFile;

    @Option(names = "--value-stdin", description = "read the JSON value from stdin (then VALUE is not given)")
    boolean valueStdin;

    @Option(names = "--idempotent", description = "do not write the file when the value is already set")
    boolean idempotent;

    @Option(names = "--ignore-mac", description = "do not verify the MAC")
    boolean ignoreMac;

    @Option(names = "--set", paramLabel = "'INDEX VALUE'", hidden = true,
            description = "sops' verb-less form (sops --set '[\"a\"] \"v\"' FILE): the index and the JSON value in one argument")
    String pair;

    @Parameters(paramLabel = "FILE INDEX VALUE", description = "the file, the index and (unless --value-stdin) the value")
    List<String> args;

    @Override
    public Integer call() throws Exception {
        if (pair != null) {
            if (valueStdin || valueFile) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "--set carries its value: no --value-file or --value-stdin");
            // as sops: the index ends at the first "] ", the JSON value follows
            int cut = pair.indexOf("] ");
            if (cut < 0) throw new SopsExit(SopsExit.INVALID_SET_FORMAT, "invalid --set format: expected '[\"key\"] VALUE'");
            if (args == null || args.size() != 1) throw new SopsExit(SopsExit.NO_FILE, "no file specified: --set needs exactly one FILE");
            args = List.of(args.getFirst(), pair.substring(0, cut + 1).strip(), pair.substring(cut + 2));
        }
        int want = valueStdin ? 2 : 3;
        if (valueStdin && valueFile) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot use both --value-file and --value-stdin");
        if (args == null || args.size() != want) {
            throw new SopsExit(SopsExit.NO_FILE, "no file specified, or index and value are missing: need precisely " + want + " arguments");
        }
        SopsTarget t = SopsTarget.of(args.get(0), sops, false);
        List<Object> path = index(args.get(1));
        byte[] json;
        if (valueStdin) {
            try (InputStream in = InputFile.open(null)) {
                json = in.readAllBytes();
            }
        } else if (valueFile) {
            json = Files.readAllBytes(Path.of(args.get(2)));
        } else {
            json = args.get(2).getBytes(StandardCharsets.UTF_8);
        }
        Value value;
        try {
            value = TreeEdit.jsonValue(new String(json, StandardCharsets.UTF_8));
        } catch (SopsFormatException e) {
            throw new SopsExit(SopsExit.INVALID_SET_FORMAT, t.name() + ": invalid value for set: " + e.getMessage());
        } finally {
            Arrays.fill(json, (byte) 0);
        }
        try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), ignoreMac)) {
            TreeEdit.Result r;
            try {
                r = TreeEdit.set(d.document(), path, value);
            } catch (ExtractException e) {
                throw new ExtractException(t.name() + ": " + e.getMessage());
            }
            if (!r.changed() && idempotent) return Cli.OK;
            SopsFiles.write(t.file(), Sops.reencrypt(d, r.document(), t.emit()));
        }
        return Cli.OK;
    }

    static List<Object> index(String text) {
        try {
            List<Object> p = Extract.parsePath(text);
            if (p.isEmpty()) throw new ExtractException("empty index");
            return p;
        } catch (ExtractException e) {
            throw new SopsExit(SopsExit.INVALID_SET_FORMAT, "invalid index " + text + ": " + e.getMessage());
        }
    }
}
