package io.secretsd.cli;

import io.secretsd.pgp.GnupgHome;
import io.secretsd.pgp.PgpPublicKey;
import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.DataKeys;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.EncryptionRule;
import io.secretsd.sops.Format;
import io.secretsd.sops.PgpKeyWrapper;
import io.secretsd.sops.Sops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sops -e}: encrypts a plain document to age and OpenPGP recipients, in one key group. */
@Command(name = "encrypt", description = "Encrypt a plain YAML, JSON, dotenv, INI or binary file as sops 3.13 does.")
final class SopsEncrypt implements Callable<Integer> {
    @Option(names = "--age", paramLabel = "RECIPIENT", split = ",", description = "age1…, age1pq1…, or an ssh-ed25519/ssh-rsa public key line")
    List<String> age = new ArrayList<>();

    @Option(names = "--pgp", paramLabel = "KEY", split = ",",
            description = "an OpenPGP public key file, or a fingerprint looked up in the GnuPG home")
    List<String> pgp = new ArrayList<>();

    @Option(names = "--gnupg-home", paramLabel = "DIR", description = "where --pgp fingerprints are looked up (default: $GNUPGHOME or ~/.gnupg)")
    Path gnupgHome;

    @Option(names = "--input-type", paramLabel = "TYPE")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE")
    String outputType;

    static final class Rule {
        @Option(names = "--unencrypted-suffix", paramLabel = "S") String unencryptedSuffix;
        @Option(names = "--encrypted-suffix", paramLabel = "S") String encryptedSuffix;
        @Option(names = "--unencrypted-regex", paramLabel = "RE") String unencryptedRegex;
        @Option(names = "--encrypted-regex", paramLabel = "RE") String encryptedRegex;
        @Option(names = "--unencrypted-comment-regex", paramLabel = "RE") String unencryptedCommentRegex;
        @Option(names = "--encrypted-comment-regex", paramLabel = "RE") String encryptedCommentRegex;

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

    @Option(names = {"-i", "--in-place"}, description = "replace FILE with the encrypted file")
    boolean inPlace;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE")
    Path output;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (inPlace && output != null) throw new UsageException("-i and -o can't be combined");
        List<DataKeys.KeyWrapper> to = new ArrayList<>();
        for (String r : age) to.add(AgeKeyWrapper.of(r));
        for (String p : pgp) to.add(new PgpKeyWrapper(pgpKey(p)));
        if (to.isEmpty()) throw new UsageException("missing recipients: give --age or --pgp");
        Format in = inputType == null ? Format.fromFileName(file.getFileName().toString()) : Format.parse(inputType);
        Format out = outputType == null ? in : Format.parse(outputType);
        EncryptOptions base = EncryptOptions.to(to);
        EncryptOptions opts = new EncryptOptions(base.keyGroups(), base.shamirThreshold(),
                rule == null ? base.rule() : rule.rule(), macOnlyEncrypted);
        byte[] encrypted = Sops.encrypt(file.toString(), Files.readAllBytes(file), in, out, opts);
        try (OutputFile o = OutputFile.open(inPlace ? file : output)) {
            o.stream().write(encrypted);
            o.commit();
        }
        return Cli.OK;
    }

    private PgpPublicKey pgpKey(String keyOrFingerprint) throws Exception {
        Path p = Path.of(keyOrFingerprint);
        if (Files.isRegularFile(p)) return PgpPublicKey.parse(p);
        GnupgHome home = gnupgHome == null ? GnupgHome.fromEnvironment() : GnupgHome.at(gnupgHome);
        return home.exportPublicKey(keyOrFingerprint.replace(" ", ""));
    }
}
