package io.secretsd.cli;

import io.secretsd.sops.Document;
import io.secretsd.sops.ExtractException;
import io.secretsd.sops.Sops;
import io.secretsd.sops.TreeEdit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sops unset FILE INDEX}: one value (or a whole branch) removed; the others keep their ciphertext. */
@Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove one value or branch of a sops file: INDEX is sops' [\"a\"][\"b\"][0] syntax.")
final class SopsUnset implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = "--idempotent", description = "succeed without writing when INDEX does not exist")
    boolean idempotent;

    @Option(names = "--ignore-mac", description = "do not verify the MAC")
    boolean ignoreMac;

    @Parameters(paramLabel = "FILE INDEX", description = "the sops file, then the key to remove as an --extract path")
    List<String> args;

    @Override
    public Integer call() throws Exception {
        if (args == null || args.size() != 2) throw new SopsExit(SopsExit.NO_FILE, "no file specified, or index is missing: need precisely 2 arguments");
        SopsTarget t = SopsTarget.of(args.get(0), sops, false);
        List<Object> path = SopsSet.index(args.get(1));
        try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), ignoreMac)) {
            Document edited;
            try {
                edited = TreeEdit.unset(d.document(), path);
            } catch (ExtractException e) {
                if (idempotent) return Cli.OK;
                throw new ExtractException(t.name() + ": " + e.getMessage());
            }
            SopsFiles.write(t.file(), Sops.reencrypt(d, edited, t.emit()));
        }
        return Cli.OK;
    }
}
