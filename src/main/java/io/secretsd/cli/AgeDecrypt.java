package io.secretsd.cli;

import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.Identity;
import io.secretsd.age.ScryptIdentity;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decrypt", description = "Decrypt an age file (binary or armored) with identity files or a passphrase.")
final class AgeDecrypt implements Callable<Integer> {
    @Option(names = {"-i", "--identity"}, paramLabel = "FILE",
            description = "age identities, an OpenSSH private key, or a passphrase-encrypted identity file")
    List<Path> identityFiles = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "passphrase for a scrypt-encrypted file, an encrypted identity file or SSH key")
    Path passphraseFile;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write here (created 0600) instead of stdout")
    Path output;

    @Parameters(arity = "0..1", paramLabel = "IN", description = "the age file to decrypt (default: stdin)")
    Path input;

    @Override
    public Integer call() throws Exception {
        byte[] passphrase = passphraseFile == null ? null : KeyFiles.passphrase(passphraseFile);
        List<Identity> ids = new ArrayList<>();
        for (Path f : identityFiles) ids.addAll(KeyFiles.identities(f, passphrase));
        if (identityFiles.isEmpty() && passphrase != null) ids.add(new ScryptIdentity(passphrase));
        if (ids.isEmpty()) throw new UsageException("missing identities: give -i or --passphrase-file");
        try (InputStream raw = InputFile.open(input); OutputFile out = OutputFile.open(output)) {
            try (InputStream plain = Age.decrypt(Armor.detect(raw), ids)) {
                plain.transferTo(out.stream());
            }
            out.commit();
        } finally {
            KeyFiles.destroy(ids);
        }
        return Cli.OK;
    }
}
