package io.secretsd.cli;

import io.secretsd.age.X25519Identity;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
        KeyFiles.Generated key = pq ? KeyFiles.generateHybrid() : KeyFiles.generateX25519();
        try (OutputFile out = OutputFile.open(output)) {
            OutputStream s = out.stream();
            String created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            s.write(("# created: " + created + "\n# public key: " + key.recipient() + "\n").getBytes(StandardCharsets.US_ASCII));
            s.write(key.secret());
            s.write('\n');
            out.commit();
        } finally {
            java.util.Arrays.fill(key.secret(), (byte) 0);
        }
        System.err.println("Public key: " + key.recipient());
        return Cli.OK;
    }
}
