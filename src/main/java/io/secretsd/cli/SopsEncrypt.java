package io.secretsd.cli;

import io.secretsd.sops.Format;
import io.secretsd.sops.Sops;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sops encrypt} / {@code sops -e}: a plain file to the creation rule's keys (or the key flags'). */
@Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt a plain YAML, JSON, dotenv, INI or binary file as sops 3.13 does, "
        + "to the keys of the matching .sops.yaml creation rule or of --age/--pgp.")
final class SopsEncrypt implements Callable<Integer> {
    @Mixin
    SopsOptions sops;

    @Mixin
    RecipientOptions recipients;

    @Option(names = "--gnupg-home", paramLabel = "DIR", description = "where --pgp fingerprints are looked up (default: $GNUPGHOME or ~/.gnupg)")
    java.nio.file.Path gnupgHome;

    @Option(names = {"-i", "--in-place"}, description = "replace FILE with the encrypted file")
    boolean inPlace;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout")
    java.nio.file.Path output;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the plain file; stdin when absent or '-' (then give --filename-override or --input-type)")
    String file;

    @Override
    public Integer call() throws Exception {
        if (inPlace && output != null) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot operate on both --output and --in-place");
        if (SopsTarget.isStdin(file) && inPlace) throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "cannot use --in-place when reading from stdin");
        if (SopsTarget.isStdin(file) && sops.filenameOverride == null && sops.inputType == null) {
            throw new SopsExit(SopsExit.CONFLICTING_PARAMETERS, "must specify --filename-override or --input-type when reading from stdin");
        }
        SopsTarget t = SopsTarget.of(file, sops, true);
        Format in = t.inputFormat();
        byte[] plain = t.read();
        byte[] encrypted;
        try {
            if (SopsFiles.looksEncrypted(plain, in, t.name())) throw new SopsExit(SopsExit.ALREADY_ENCRYPTED, t.name() + ": file already encrypted");
            encrypted = Sops.encrypt(t.name(), plain, in, t.emit(), recipients.resolve(t, gnupgHome));
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
        SopsFiles.write(inPlace ? t.file() : output, encrypted);
        return Cli.OK;
    }
}
