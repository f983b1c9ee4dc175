package io.secretsd.cli;

import io.secretsd.sops.DataKeys.KeyWrapper;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.EncryptionRule;
import io.secretsd.sops.config.CreationRule;
import io.secretsd.sops.config.KeySpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Who a new file is encrypted to and how: sops' key flags (which, when any is given, replace the creation
 * rule's keys, as {@code SOPS_AGE_RECIPIENTS} and {@code SOPS_PGP_FP} do), the Shamir threshold and the
 * encryption rule flags, each falling back to the creation rule.
 */
final class RecipientOptions {
    @Option(names = {"--age", "-a"}, paramLabel = "RECIPIENTS", split = ",",
            description = "age1…, age1pq1…, or ssh-ed25519/ssh-rsa public key lines (also SOPS_AGE_RECIPIENTS)")
    List<String> age = new ArrayList<>();

    @Option(names = {"--pgp", "-p"}, paramLabel = "FINGERPRINTS", split = ",",
            description = "OpenPGP fingerprints looked up in the GnuPG home, or public key files (also SOPS_PGP_FP)")
    List<String> pgp = new ArrayList<>();

    @Option(names = {"--kms", "-k", "--gcp-kms", "--azure-kv", "--hc-vault-transit", "--hckms"}, paramLabel = "KEYS",
            description = "cloud KMS and Vault keys: not supported by secretsd (an error)")
    List<String> foreign = new ArrayList<>();

    @Option(names = {"--aws-profile", "--encryption-context"}, paramLabel = "VALUE", hidden = true)
    String awsOnly;

    @Option(names = "--shamir-secret-sharing-threshold", paramLabel = "N", description = "key groups needed to decrypt (default: all)")
    int shamirThreshold;

    static final class Rule {
        @Option(names = "--unencrypted-suffix", paramLabel = "S", description = "leave keys ending in S in plaintext (default: _unencrypted)") String unencryptedSuffix;
        @Option(names = "--encrypted-suffix", paramLabel = "S", description = "encrypt only keys ending in S") String encryptedSuffix;
        @Option(names = "--unencrypted-regex", paramLabel = "RE", description = "leave keys matching RE in plaintext") String unencryptedRegex;
        @Option(names = "--encrypted-regex", paramLabel = "RE", description = "encrypt only keys matching RE") String encryptedRegex;
        @Option(names = "--unencrypted-comment-regex", paramLabel = "RE", description = "leave values whose comment matches RE in plaintext") String unencryptedCommentRegex;
        @Option(names = "--encrypted-comment-regex", paramLabel = "RE", description = "encrypt only values whose comment matches RE") String encryptedCommentRegex;

        EncryptionRule rule() {
            if (unencryptedSuffix != null) return new EncryptionRule(EncryptionRule.Kind.UNENCRYPTED_SUFFIX, unencryptedSuffix);
            if (encryptedSuffix != null) return new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_SUFFIX, encryptedSuffix);
            if (unencryptedRegex != null) return new EncryptionRule(EncryptionRule.Kind.UNENCRYPTED_REGEX, unencryptedRegex);
            if (encryptedRegex != null) return new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_REGEX, encryptedRegex);
            if (unencryptedCommentRegex != null) return new EncryptionRule(EncryptionRule.Kind.UNENCRYPTED_COMMENT_REGEX, unencryptedCommentRegex);
            return new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_COMMENT_REGEX, encryptedCommentRegex);
        }
    }

    @ArgGroup(exclusive = true)
    Rule rule;

    @Option(names = "--mac-only-encrypted", description = "compute the MAC over encrypted values only")
    boolean macOnlyEncrypted;

    /** The key groups named by flags or the environment; empty when none are (then the rule decides). */
    List<KeySpec> flagKeys() {
        List<KeySpec> out = new ArrayList<>();
        List<String> ages = age.isEmpty() ? env("SOPS_AGE_RECIPIENTS") : age;
        List<String> pgps = pgp.isEmpty() ? env("SOPS_PGP_FP") : pgp;
        for (String a : ages) if (!a.isBlank()) out.add(new KeySpec.Age(a.strip()));
        for (String p : pgps) if (!p.isBlank()) out.add(new KeySpec.Pgp(p.strip()));
        for (String f : foreign) out.add(new KeySpec.Foreign("kms", f));
        return out;
    }

    private static List<String> env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    /** Everything {@code sops -e} (and {@code edit} of a new file) needs, in sops' order of precedence. */
    EncryptOptions resolve(SopsTarget t, Path gnupgHome) throws IOException {
        Optional<CreationRule> rule = t.rule();
        List<KeySpec> flags = flagKeys();
        List<List<KeySpec>> groups;
        if (!flags.isEmpty()) {
            groups = List.of(flags);
        } else if (rule.isPresent()) {
            groups = rule.get().keyGroups();
        } else {
            throw new IOException(t.name() + ": no keys to encrypt to: config file not found, or has no creation rules, "
                    + "and no keys provided through command line options");
        }
        List<List<KeyWrapper>> wrappers = new KeyWrappers(gnupgHome).groups(groups);
        int threshold = shamirThreshold != 0 ? shamirThreshold : rule.map(CreationRule::shamirThreshold).orElse(0);
        EncryptionRule er = this.rule != null ? this.rule.rule() : rule.map(CreationRule::rule).orElse(null);
        boolean macOnly = macOnlyEncrypted || rule.map(CreationRule::macOnlyEncrypted).orElse(false);
        return new EncryptOptions(wrappers, threshold, er, macOnly);
    }
}
