package io.secretsd.cli;

import io.secretsd.sops.KeyGroup;
import io.secretsd.sops.MasterKey;
import io.secretsd.sops.Sops;
import io.secretsd.sops.config.KeySpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sops groups add|delete}: a key group appended or removed; the data key stays (values untouched) and is
 * split anew over the groups, so every key of every group is encrypted to again.
 */
@Command(name = "groups", mixinStandardHelpOptions = true, description = "Add or delete a key group of a sops file.",
        subcommands = {SopsGroups.Add.class, SopsGroups.Delete.class})
final class SopsGroups {
    static class Common {
        @Mixin
        SopsOptions sops;

        @Mixin
        SopsKeyOptions keys;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "the sops file whose key groups change")
        String file;

        @Option(names = {"-i", "--in-place"}, description = "replace FILE instead of printing the result")
        boolean inPlace;

        @Option(names = "--shamir-secret-sharing-threshold", paramLabel = "N", description = "key groups needed to recover the data key (default: the file's own threshold)")
        int shamirThreshold;

        int write(java.util.function.Function<List<List<KeySpec>>, List<List<KeySpec>>> change) throws IOException {
            SopsTarget t = SopsTarget.of(file, sops, false);
            try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), false)) {
                List<List<KeySpec>> groups = new ArrayList<>();
                for (KeyGroup g : d.metadata().keyGroups()) {
                    List<KeySpec> specs = new ArrayList<>();
                    for (MasterKey k : g.keys()) specs.add(KeyWrappers.spec(k));
                    groups.add(specs);
                }
                groups = change.apply(groups);
                int threshold = shamirThreshold != 0 ? shamirThreshold : d.metadata().shamirThreshold();
                threshold = Math.min(threshold, groups.size());
                byte[] out = Sops.rekeyed(d, new KeyWrappers(keys.gnupgHome).groups(groups), threshold, t.emit(t.inputFormat()));
                SopsFiles.write(inPlace ? t.file() : (Path) null, out);
            }
            return Cli.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a key group of the given keys.")
    static final class Add extends Common implements Callable<Integer> {
        @Option(names = "--age", paramLabel = "RECIPIENT", description = "an age recipient of the new group (repeatable)") List<String> age = new ArrayList<>();
        @Option(names = "--pgp", paramLabel = "FINGERPRINT", description = "an OpenPGP key fingerprint of the new group (repeatable)") List<String> pgp = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<KeySpec> group = new ArrayList<>();
            for (String a : age) group.add(new KeySpec.Age(a.strip()));
            for (String p : pgp) group.add(new KeySpec.Pgp(p.strip()));
            return write(groups -> {
                groups.add(group);
                return groups;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the key group at INDEX (from 0).")
    static final class Delete extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "INDEX", description = "the key group to delete, counted from 0")
        int index;

        @Override
        public Integer call() throws Exception {
            return write(groups -> {
                if (index < 0 || index >= groups.size()) throw new UsageException("no key group " + index + " (the file has " + groups.size() + ")");
                groups.remove(index);
                return groups;
            });
        }
    }
}
