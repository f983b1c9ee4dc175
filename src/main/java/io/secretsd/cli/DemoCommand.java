package io.secretsd.cli;

import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import io.secretsd.age.Recipient;
import io.secretsd.age.Recipients;
import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.EncryptOptions;
import io.secretsd.sops.Format;
import io.secretsd.sops.KeyConfig;
import io.secretsd.sops.Sops;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The tour a newcomer runs first: needs no root and no setup. It works in a scratch folder, with
 * made-up example secrets, and prints what it does (never a secret's value).
 */
@Command(name = "demo", description = "A tour on an embedded example: no root, no setup.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--quiet", description = "print nothing (used to train the AOT cache)")
    boolean quiet;

    @Option(names = "--keep", description = "keep the scratch folder")
    boolean keep;

    private PrintStream out;

    @Override
    public Integer call() throws Exception {
        out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
        Path dir = Files.createTempDirectory("secretsd-demo-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            ageTour(dir);
            sopsTour(dir);
            out.println("\nAll steps passed." + (keep ? " Files kept in " + dir : ""));
            return Cli.OK;
        } finally {
            if (!keep) deleteTree(dir);
        }
    }

    private void ageTour(Path dir) throws Exception {
        step("1. generate a host identity (age X25519), as `secretsctl age keygen -o host.key`");
        KeyFiles.Generated key = KeyFiles.generate(false);
        Path keyFile = dir.resolve("host.key");
        KeyFiles.writePrivate(keyFile, key.file());
        Arrays.fill(key.file(), (byte) 0);
        out.println("   public key: " + key.recipient() + "  (" + keyFile + ", mode 0600)");

        step("2. encrypt an example secret to it, armored, as `secretsctl age encrypt -a -r age1…`");
        byte[] secret = "example-database-password-not-a-real-one\n".getBytes(StandardCharsets.UTF_8);
        List<Recipient> to = List.of(Recipients.parse(key.recipient()));
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        try (OutputStream s = Age.encrypt(Armor.encoder(enc), to)) {
            s.write(secret);
        }
        Path encFile = dir.resolve("db-password.age");
        Files.write(encFile, enc.toByteArray());
        out.println("   " + encFile + ": " + enc.size() + " bytes, first line " + enc.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse(""));

        step("3. decrypt it with the identity file, as `secretsctl age decrypt -i host.key`");
        List<Identity> ids = IdentityFile.parse(keyFile.toString(), Files.readAllBytes(keyFile));
        byte[] plain;
        try (var in = Age.decrypt(Armor.detect(Files.newInputStream(encFile)), ids)) {
            plain = in.readAllBytes();
        } finally {
            KeyFiles.destroy(ids);
        }
        boolean same = MessageDigest.isEqual(plain, secret);
        out.println("   " + plain.length + " bytes, SHA-256 " + sha256(plain).substring(0, 16) + "…, identical to the original: " + same);
        Arrays.fill(plain, (byte) 0);
        if (!same) throw new IOException("demo: decrypted bytes differ from the original");

        step("4. a large file streams through in 64 KiB chunks (1 MiB here)");
        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        byte[] bigEnc = Age.encrypt(big, to);
        List<Identity> ids2 = IdentityFile.parse(keyFile.toString(), Files.readAllBytes(keyFile));
        byte[] bigDec = Age.decrypt(bigEnc, ids2);
        KeyFiles.destroy(ids2);
        out.println("   " + bigEnc.length + " bytes encrypted, round trip identical: " + Arrays.equals(big, bigDec));
    }

    private void step(String s) {
        out.println(s);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private void sopsTour(Path dir) throws Exception {
        Path keyFile = dir.resolve("host.key");
        String recipient = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        step("5. a sops file: encrypt an example YAML document to the host, as `secretsctl encrypt --age age1… secrets.yaml`");
        byte[] yaml = """
                # example values, not real secrets
                db:
                    password: example-password
                    port: 5432
                api_token: example-token
                """.getBytes(StandardCharsets.UTF_8);
        byte[] enc = Sops.encrypt("secrets.yaml", yaml, Format.YAML, Format.YAML,
                EncryptOptions.to(List.of(AgeKeyWrapper.of(recipient))));
        Path sopsFile = dir.resolve("secrets.yaml");
        Files.write(sopsFile, enc);
        new String(enc, StandardCharsets.UTF_8).lines().limit(4).forEach(l -> out.println("   | " + (l.length() > 76 ? l.substring(0, 76) + "…" : l)));

        step("6. decrypt one key with the host identity, as `secretsctl decrypt --age-key-file host.key --key db/password secrets.yaml`");
        DataKeySource keys = new KeyConfig(List.of(keyFile), List.of(), List.of(), List.of(), null, null, java.util.Map.of(), null).open();
        byte[] value = Sops.extractKey(sopsFile.toString(), enc, Format.YAML, "db/password", keys, false);
        out.println("   db/password: " + value.length + " bytes, MAC verified, matches the original: "
                + Arrays.equals(value, "example-password".getBytes(StandardCharsets.UTF_8)));
        Arrays.fill(value, (byte) 0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
