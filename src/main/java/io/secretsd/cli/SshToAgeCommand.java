package io.secretsd.cli;

import io.secretsd.ssh.SshToAge;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mic92/ssh-to-age: an ed25519 SSH public key to age1…, or its private key to AGE-SECRET-KEY-1…. Also reads
 * {@code ssh-keyscan} and known_hosts lines (the host field is dropped), and with {@code --anchor NAME} prints
 * the recipient as a {@code .sops.yaml} key line ({@code - &NAME age1…}): adding a host is
 * {@code ssh-keyscan -t ed25519 HOST | secretsctl ssh-to-age --anchor HOST}.
 */
@Command(name = "ssh-to-age", description = "Convert SSH ed25519 keys to age keys (as Mic92/ssh-to-age does); "
        + "reads ssh_host_ed25519_key.pub, authorized_keys or ssh-keyscan output.")
final class SshToAgeCommand implements Callable<Integer> {
    @Option(names = "-i", paramLabel = "FILE", description = "input (default: stdin)")
    Path input;

    @Option(names = "-o", paramLabel = "FILE", description = "output (default: stdout)")
    Path output;

    @Option(names = "-private-key", description = "convert a private key (passphrase from SSH_TO_AGE_PASSPHRASE)")
    boolean privateKey;

    @Option(names = "--anchor", paramLabel = "NAME",
            description = "print each recipient as a .sops.yaml key line: '  - &NAME age1…' (NAME-2, NAME-3… for more keys)")
    String anchor;

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
                for (SshToAge.Converted c : SshToAge.publicKeysToAge(withoutHosts(new String(in, StandardCharsets.UTF_8)))) {
                    switch (c) {
                        case SshToAge.Converted.Recipient r -> {
                            converted++;
                            String line = anchor == null ? r.recipient() : "  - &" + anchor + (converted > 1 ? "-" + converted : "") + " " + r.recipient();
                            out.stream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
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

    /** ssh-keyscan and known_hosts put the host names first: drop them so the key type leads the line. */
    static String withoutHosts(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            boolean hostFirst = words.length >= 3 && !isKeyType(words[0]) && isKeyType(words[1]);
            out.append(hostFirst ? line.strip().substring(words[0].length()).strip() : line).append('\n');
        }
        return out.toString();
    }

    private static boolean isKeyType(String w) {
        return w.startsWith("ssh-") || w.startsWith("ecdsa-") || w.startsWith("sk-");
    }
}
