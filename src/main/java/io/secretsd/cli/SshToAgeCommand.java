package io.secretsd.cli;

import io.secretsd.ssh.SshToAge;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mic92/ssh-to-age: an ed25519 SSH public key to age1…, or its private key to AGE-SECRET-KEY-1…. */
@Command(name = "ssh-to-age", description = "Convert SSH ed25519 keys to age keys (as Mic92/ssh-to-age does).")
final class SshToAgeCommand implements Callable<Integer> {
    @Option(names = "-i", paramLabel = "FILE", description = "input (default: stdin)")
    Path input;

    @Option(names = "-o", paramLabel = "FILE", description = "output (default: stdout)")
    Path output;

    @Option(names = "-private-key", description = "convert a private key (passphrase from SSH_TO_AGE_PASSPHRASE)")
    boolean privateKey;

    @Override
    public Integer call() throws Exception {
        byte[] in;
        try (InputStream s = InputFile.open(input)) {
            in = s.readAllBytes();
        }
        try (OutputFile out = OutputFile.open(output)) {
            if (privateKey) {
                String env = System.getenv("SSH_TO_AGE_PASSPHRASE");
                byte[] pass = env == null ? null : env.getBytes(StandardCharsets.UTF_8);
                byte[] key = SshToAge.privateKeyToAge(in, pass);
                try {
                    out.stream().write(key);
                    out.stream().write('\n');
                } finally {
                    Arrays.fill(key, (byte) 0);
                    if (pass != null) Arrays.fill(pass, (byte) 0);
                    Arrays.fill(in, (byte) 0);
                }
            } else {
                int converted = 0;
                for (SshToAge.Converted c : SshToAge.publicKeysToAge(new String(in, StandardCharsets.UTF_8))) {
                    switch (c) {
                        case SshToAge.Converted.Recipient r -> {
                            out.stream().write((r.recipient() + "\n").getBytes(StandardCharsets.US_ASCII));
                            converted++;
                        }
                        case SshToAge.Converted.Skipped s -> System.err.println("ssh-to-age: skipped key: " + s.reason().getMessage());
                    }
                }
                if (converted == 0) throw new java.io.IOException(InputFile.name(input) + ": no ssh-ed25519 public key found");
            }
            out.commit();
        }
        return Cli.OK;
    }
}
