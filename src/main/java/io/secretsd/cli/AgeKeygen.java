package io.secretsd.cli;

import io.secretsd.age.X25519Identity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", description = "Generate an age identity (like age-keygen); the public key goes to stderr.")
final class AgeKeygen implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the identity to FILE (created 0600)")
    Path output;

    @Option(names = "--pq", description = "a post-quantum hybrid key (mlkem768x25519: age1pq1… / AGE-SECRET-KEY-PQ-1…)")
    boolean pq;

    @Override
    public Integer call() throws Exception {
        KeyFiles.Generated key = KeyFiles.generate(pq);
        try (OutputFile out = OutputFile.open(output)) {
            out.stream().write(key.file());
            out.commit();
        } finally {
            java.util.Arrays.fill(key.file(), (byte) 0);
        }
        System.err.println("Public key: " + key.recipient());
        return Cli.OK;
    }
}
