package io.secretsd.cli;

import io.secretsd.sops.DataKeys.KeyWrapper;
import io.secretsd.sops.KeyGroup;
import io.secretsd.sops.MasterKey;
import io.secretsd.sops.Sops;
import io.secretsd.sops.config.CreationRule;
import io.secretsd.sops.config.KeySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sops updatekeys}: a file's key groups recomputed from its creation rule. The data key stays, so no
 * value, MAC or {@code lastmodified} changes; entries for keys still listed keep their {@code enc} (which is
 * how KMS and Vault entries survive: they are never re-encrypted here).
 */
@Command(name = "updatekeys", mixinStandardHelpOptions = true, description = "Re-key sops files to the keys their .sops.yaml creation rule lists now (values untouched).")
final class SopsUpdateKeys implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--shamir-secret-sharing-threshold", paramLabel = "N", description = "key groups needed to decrypt")
    int shamirThreshold;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "sops files whose recipients are set from .sops.yaml")
    List<String> files;

    private BufferedReader stdin;

    @Override
    public Integer call() throws Exception {
        int failed = 0;
        for (String f : files) {
            try {
                update(f);
            } catch (IOException | RuntimeException e) {
                if (e instanceof SopsExit && files.size() == 1) throw e;
                System.err.println("secretsctl: " + Cli.describe(e));
                failed++;
            }
        }
        if (failed > 0) throw new IOException("failed updating " + failed + " file(s)");
        return Cli.OK;
    }

    private void update(String name) throws IOException {
        SopsTarget t = SopsTarget.of(name, sops, false);
        CreationRule rule = t.rule().orElseThrow(() ->
                new SopsExit(SopsExit.CONFIG_NOT_FOUND, t.name() + ": no creation rule: config file not found, or has no creation rules"));
        Sops.SopsFile file = SopsFiles.load(t);
        List<KeyGroup> old = file.metadata().keyGroups();
        List<List<KeySpec>> now = rule.keyGroups();
        int threshold = shamirThreshold != 0 ? shamirThreshold : file.metadata().shamirThreshold();
        threshold = Math.min(threshold, now.size());
        KeyGroupDiff diff = KeyGroupDiff.of(old, now, file.metadata().shamirThreshold(), threshold);
        if (!diff.changes()) {
            System.err.println("secretsctl: " + t.name() + ": already up to date");
            return;
        }
        diff.print(System.out);
        System.out.flush();
        if (!yes && !confirm()) {
            System.err.println("secretsctl: " + t.name() + ": left unchanged");
            return;
        }
        try (Sops.Decrypted d = Sops.decrypt(file, keys.open(), false)) {
            List<List<KeyWrapper>> wrappers = wrappers(old, now, new KeyWrappers(keys.gnupgHome));
            SopsFiles.write(t.file(), Sops.rekeyed(d, wrappers, threshold, t.emit(t.inputFormat())));
        }
        System.err.println("secretsctl: " + t.name() + ": synced with new keys");
    }

    /**
     * With one group before and after, the data key itself sits in every entry: a key that stays keeps its
     * entry as it is. With Shamir groups every share is new, so every key is encrypted to anew.
     */
    static List<List<KeyWrapper>> wrappers(List<KeyGroup> old, List<List<KeySpec>> now, KeyWrappers make) throws IOException {
        List<List<KeyWrapper>> out = new ArrayList<>();
        boolean keep = old.size() == 1 && now.size() == 1;
        for (List<KeySpec> group : now) {
            List<KeyWrapper> ws = new ArrayList<>();
            for (KeySpec k : group) {
                MasterKey existing = keep ? find(old.getFirst(), k) : null;
                ws.add(existing != null ? KeyWrappers.keep(existing) : make.of(k));
            }
            out.add(ws);
        }
        return out;
    }

    private static MasterKey find(KeyGroup g, KeySpec k) {
        for (MasterKey m : g.keys()) if (m.typeName().equals(k.type()) && m.id().equals(k.id())) return m;
        return null;
    }

    private boolean confirm() throws IOException {
        if (stdin == null) stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            System.out.print("Is this okay? (y/n):");
            System.out.flush();
            String line = stdin.readLine();
            if (line == null) throw new IOException("no answer on stdin (give -y to update without asking)");
            if (line.strip().equals("y")) return true;
            if (line.strip().equals("n")) return false;
        }
    }
}
