package io.secretsd.cli;

import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.Recipient;
import io.secretsd.age.ScryptRecipient;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "encrypt", description = "Encrypt to recipients (age1…, age1pq1…, ssh-ed25519, ssh-rsa) or a passphrase.")
final class AgeEncrypt implements Callable<Integer> {
    @Option(names = {"-r", "--recipient"}, paramLabel = "RECIPIENT", description = "age1…, age1pq1…, or an ssh-ed25519/ssh-rsa public key line")
    List<String> recipients = new ArrayList<>();

    @Option(names = {"-R", "--recipients-file"}, paramLabel = "FILE", description = "a file of recipients, one per line (# comments)")
    List<Path> recipientFiles = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "encrypt with the passphrase in FILE (scrypt; first line)")
    Path passphraseFile;

    @Option(names = {"-a", "--armor"}, description = "write PEM-armored output")
    boolean armor;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write here instead of stdout")
    Path output;

    @Parameters(arity = "0..1", paramLabel = "IN", description = "the file to encrypt (default: stdin)")
    Path input;

    @Override
    public Integer call() throws Exception {
        List<Recipient> to = new ArrayList<>();
        for (String r : recipients) to.add(KeyFiles.recipient(r, "-r"));
        for (Path f : recipientFiles) to.addAll(KeyFiles.recipients(f));
        if (passphraseFile != null) {
            if (!to.isEmpty()) throw new UsageException("--passphrase-file can't be combined with -r or -R");
            to.add(new ScryptRecipient(KeyFiles.passphrase(passphraseFile)));
        }
        if (to.isEmpty()) throw new UsageException("missing recipients: give -r, -R or --passphrase-file");
        try (InputStream in = InputFile.open(input); OutputFile out = OutputFile.open(output)) {
            OutputStream sink = armor ? Armor.encoder(out.stream()) : out.stream();
            // 1 MiB reads (transferTo reads 16 KiB at a time): a large file takes 16 times fewer system calls.
            byte[] buf = new byte[1 << 20];
            try (OutputStream enc = Age.encrypt(sink, to)) {
                int n;
                while ((n = in.read(buf)) >= 0) enc.write(buf, 0, n);
            } finally {
                Arrays.fill(buf, (byte) 0);
            }
            out.commit();
        }
        return Cli.OK;
    }
}
