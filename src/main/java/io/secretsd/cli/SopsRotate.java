package io.secretsd.cli;

import io.secretsd.sops.DataKeys.KeyWrapper;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.Format;
import io.secretsd.sops.KeyGroup;
import io.secretsd.sops.MasterKey;
import io.secretsd.sops.Metadata;
import io.secretsd.sops.Sops;
import io.secretsd.sops.config.KeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sops rotate}: a new data key and every value re-encrypted with it, optionally adding keys to the first
 * group or removing keys from every group. Cloud KMS and Vault entries cannot be re-encrypted here: a file
 * holding one must have it removed first (or be rotated with sops).
 */
@Command(name = "rotate", mixinStandardHelpOptions = true, description = "Generate a new data key for a sops file and re-encrypt every value with it.")
final class SopsRotate implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    SopsKeyOptions keys;

    @Option(names = {"-i", "--in-place"}, description = "replace FILE instead of printing the result")
    boolean inPlace;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout")
    Path output;

    @Option(names = "--add-age", paramLabel = "RECIPIENTS", split = ",", description = "add these age recipients") List<String> addAge = new ArrayList<>();
    @Option(names = "--rm-age", paramLabel = "RECIPIENTS", split = ",", description = "remove these age recipients") List<String> rmAge = new ArrayList<>();
    @Option(names = "--add-pgp", paramLabel = "FINGERPRINTS", split = ",", description = "add these PGP keys") List<String> addPgp = new ArrayList<>();
    @Option(names = "--rm-pgp", paramLabel = "FINGERPRINTS", split = ",", description = "remove these PGP keys") List<String> rmPgp = new ArrayList<>();

    @Option(names = {"--add-kms", "--add-gcp-kms", "--add-azure-kv", "--add-hc-vault-transit", "--add-hckms"}, paramLabel = "KEYS",
            description = "not supported by secretsd (an error)")
    List<String> addForeign = new ArrayList<>();

    @Option(names = {"--rm-kms", "--rm-gcp-kms", "--rm-azure-kv", "--rm-hc-vault-transit", "--rm-hckms"}, paramLabel = "KEYS", split = ",",
            description = "remove cloud KMS / Vault keys by ARN, resource ID or URI")
    List<String> rmForeign = new ArrayList<>();

    @Option(names = "--ignore-mac", description = "do not verify the MAC")
    boolean ignoreMac;

    @Parameters(paramLabel = "FILE", description = "the sops file whose data key is replaced")
    String file;

    @Override
    public Integer call() throws Exception {
        if (inPlace && output != null) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot operate on both --output and --in-place");
        if (SopsTarget.isStdin(file)) throw new SopsExit(SopsExit.NO_FILE, "no file specified");
        if (!Files.exists(Path.of(file))) {
            throw new SopsExit(SopsExit.CANNOT_CHANGE_KEYS_OF_MISSING_FILE, file + ": cannot add or remove keys on a non-existent file, use `edit` instead");
        }
        if (!addForeign.isEmpty()) throw new UsageException("secretsd cannot encrypt to cloud KMS or Vault keys");
        SopsTarget t = SopsTarget.of(file, sops, false);
        try (Sops.Decrypted d = SopsFiles.open(t, keys.open(), ignoreMac)) {
            Metadata md = d.metadata();
            List<List<KeySpec>> groups = new ArrayList<>();
            for (KeyGroup g : md.keyGroups()) {
                List<KeySpec> specs = new ArrayList<>();
                for (MasterKey k : g.keys()) {
                    boolean removed = k instanceof MasterKey.AgeKey a ? rmAge.contains(a.recipient())
                            : k instanceof MasterKey.PgpKey p ? rmPgp.contains(p.fingerprint()) : rmForeign.contains(k.id());
                    if (!removed) specs.add(KeyWrappers.spec(k));
                }
                groups.add(specs);
            }
            for (String a : addAge) if (!a.isBlank()) groups.getFirst().add(new KeySpec.Age(a.strip()));
            for (String p : addPgp) if (!p.isBlank()) groups.getFirst().add(new KeySpec.Pgp(p.strip()));
            List<List<KeyWrapper>> wrappers = new KeyWrappers(keys.gnupgHome).groups(groups);
            EncryptOptions opts = new EncryptOptions(wrappers, md.shamirThreshold(), md.rule(), md.macOnlyEncrypted());
            Format in = t.inputFormat();
            byte[] rotated = Sops.encryptDocument(t.name(), d.document(), in == Format.BINARY, t.emit(), opts);
            SopsFiles.write(inPlace ? t.file() : output, rotated);
        }
        return Cli.OK;
    }
}
