package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips with the real gpg: keys made by gpg --quick-gen-key (RSA primary, RSA/ElGamal/NIST/Curve25519
 * subkeys, one passphrase-protected), messages gpg encrypts opened in process, ours opened by gpg.
 */
class GpgRoundTripTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static TestGpg gpg;
    /** name → primary fingerprint */
    static final Map<String, String> KEYS = new LinkedHashMap<>();
    static PgpKeyring keyring;

    @BeforeAll
    static void generate() throws IOException {
        gpg = new TestGpg();
        KEYS.put("rsa-primary", gpg.generate("rsa-primary <a@test>", "rsa2048", "sign,cert,encr", "", null));
        KEYS.put("rsa-subkey", gpg.generate("rsa-subkey <b@test>", "rsa2048", "sign,cert", "", "rsa2048"));
        KEYS.put("cv25519", gpg.generate("cv25519 <c@test>", "future-default", "default", "", null));
        KEYS.put("nistp256", gpg.generate("nistp256 <d@test>", "nistp256", "sign,cert", "", "nistp256"));
        KEYS.put("nistp384", gpg.generate("nistp384 <e@test>", "nistp384", "sign,cert", "", "nistp384"));
        KEYS.put("elgamal", gpg.generate("elgamal <f@test>", "ed25519", "sign,cert", "", "elg1024")); // elg2048 takes seconds to generate
        KEYS.put("protected", gpg.generate("protected <g@test>", "future-default", "default", PASSPHRASE, null));
        PgpKeyring all = PgpKeyring.empty();
        for (var e : KEYS.entrySet()) {
            byte[] exported = exportSecret(e.getValue(), !e.getKey().equals("rsa-subkey"));
            all = all.plus(PgpKeyring.readSecretKeys(exported,
                    e.getKey().equals("protected") ? PASSPHRASE.toCharArray() : null, e.getKey()));
        }
        keyring = all;
    }

    static byte[] exportSecret(String fp, boolean armored) {
        return armored
                ? gpg.run("--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "--export-secret-keys", "--armor", fp)
                : gpg.run("--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "--export-secret-keys", fp);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (gpg != null) gpg.close();
    }

    static byte[] dataKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-primary", "rsa-subkey", "cv25519", "nistp256", "nistp384", "elgamal", "protected"})
    void gpgEncryptsWeDecrypt(String name) throws IOException {
        String fp = KEYS.get(name);
        byte[] key = dataKey();
        // Every packet variant for two keys; the default (zip-compressed, SEIPD v1) for the others.
        List<List<String>> variants = name.equals("rsa-subkey") || name.equals("cv25519")
                ? List.of(List.of(), List.of("-z", "0"), List.of("--compress-algo", "zlib"),
                        List.of("--compress-algo", "bzip2"), List.of("--throw-keyids"))
                : List.of(List.of());
        for (List<String> options : variants) {
            var args = new java.util.ArrayList<>(List.of("--trust-model", "always", "--encrypt", "--armor", "-r", fp));
            args.addAll(options);
            byte[] message = gpg.run(key, args.toArray(String[]::new));
            assertArrayEquals(key, keyring.decrypt(message, fp), name + " " + options);
            // Binary (dearmored) form too.
            byte[] binary = dearmor(message);
            assertArrayEquals(key, keyring.decrypt(binary, fp), name + " binary " + options);
            // The MDC covers the end of the data: a flipped bit there is caught.
            binary[binary.length - 3] ^= 0x01;
            assertThrows(PgpIntegrityException.class, () -> keyring.decrypt(binary, fp), name + " tampered " + options);
        }
        for (String sub : gpg.subkeyFingerprints(fp)) {
            byte[] message = gpg.run(key, "--trust-model", "always", "--encrypt", "--armor", "-r", sub + "!");
            assertArrayEquals(key, keyring.decrypt(message, sub + "!"), name + " subkey " + sub);
            assertArrayEquals(key, keyring.decrypt(message, fp), name + " subkey via primary");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-primary", "rsa-subkey", "cv25519", "nistp256", "nistp384", "elgamal", "protected"})
    void weEncryptGpgDecrypts(String name) throws IOException {
        String fp = KEYS.get(name);
        GnupgHome home = GnupgHome.at(gpg.home, Map.of());
        PgpPublicKey pub = home.exportPublicKey(fp);
        assertEquals(fp, pub.fingerprint());
        assertEquals(pub, PgpPublicKey.parse(gpg.run("--export", "--armor", fp), name));
        byte[] key = dataKey();
        byte[] message = PgpEncryptor.encrypt(key, pub);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN PGP MESSAGE-----\n\n") && text.endsWith("-----END PGP MESSAGE-----\n"), text);
        assertArrayEquals(key, gpg.run(message, "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "-d"), name);
        assertArrayEquals(key, keyring.decrypt(message, fp), name + " in process");
        // We pick the encryption key gpg picks.
        byte[] theirs = gpg.run(key, "--trust-model", "always", "--encrypt", "-r", fp);
        assertEquals(recipients(theirs), recipients(message), name);
    }

    static byte[] dearmor(byte[] armored) throws IOException {
        try (var in = new org.bouncycastle.bcpg.ArmoredInputStream(new java.io.ByteArrayInputStream(armored))) {
            return in.readAllBytes();
        }
    }

    static List<String> recipients(byte[] message) throws PgpException {
        return PgpMessages.recipients(message, "test").stream().map(PgpMessages::recipientId).toList();
    }

    @Test
    void gnupgHomeDecryptsOurMessages() throws IOException {
        GnupgHome home = GnupgHome.at(gpg.home, Map.of());
        for (String name : List.of("rsa-primary", "cv25519", "elgamal")) {
            String fp = KEYS.get(name);
            byte[] key = dataKey();
            assertArrayEquals(key, home.decrypt(PgpEncryptor.encrypt(key, home.exportPublicKey(fp)), fp), name);
        }
    }

    @Test
    void encryptingToANamedSubkeyUsesIt() throws IOException {
        String fp = KEYS.get("rsa-subkey");
        String sub = gpg.subkeyFingerprints(fp).getFirst();
        PgpPublicKey pub = keyring.publicKey(sub).orElseThrow();
        byte[] message = PgpEncryptor.encrypt(dataKey(), pub, sub + "!");
        assertEquals(List.of(sub.substring(24)), recipients(message));
        assertThrows(PgpKeyNotFoundException.class, () -> PgpEncryptor.encrypt(dataKey(), pub, KEYS.get("cv25519")));
    }

    @Test
    void protectedKeysNeedTheRightPassphrase() {
        byte[] exported = exportSecret(KEYS.get("protected"), true);
        assertThrows(PgpPassphraseException.class, () -> PgpKeyring.readSecretKeys(exported, (char[]) null, "protected"));
        var wrong = assertThrows(PgpPassphraseException.class,
                () -> PgpKeyring.readSecretKeys(exported, "Xyzzy-Plugh".getBytes(StandardCharsets.UTF_8), "protected"));
        assertTrue(wrong.getMessage().contains("protected") && wrong.getMessage().contains(KEYS.get("protected"))
                && !wrong.getMessage().contains("Xyzzy"), wrong.getMessage());
    }

    @Test
    void aPassphraseFromAFileWorksAsBytes() throws IOException {
        Path file = Files.createTempFile(gpg.home, "key", ".asc");
        Files.write(file, exportSecret(KEYS.get("protected"), true));
        PgpKeyring ring = PgpKeyring.readSecretKeys(file, PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        byte[] key = dataKey();
        String fp = KEYS.get("protected");
        assertArrayEquals(key, ring.decrypt(gpg.run(key, "--trust-model", "always", "-e", "-r", fp), fp));
    }

    /** SEIPD v2 (RFC 9580) and LibrePGP OCB, which gpg 2.2 does not write: made with BouncyCastle. */
    @ParameterizedTest
    @ValueSource(strings = {"v6-ocb", "v6-gcm", "v6-eax", "v5-ocb", "v1-compressed"})
    void aeadAndCompressedMessagesDecrypt(String mode) throws Exception {
        for (String name : List.of("rsa-subkey", "cv25519", "nistp256")) {
            String fp = KEYS.get(name);
            byte[] key = dataKey();
            byte[] message = bcEncrypt(key, keyring.publicKey(fp).orElseThrow(), mode);
            assertArrayEquals(key, keyring.decrypt(message, fp), name + " " + mode);
            // A flipped bit near the end of the encrypted data fails the integrity check.
            byte[] binary = dearmor(message);
            binary[binary.length - 3] ^= 0x01;
            assertThrows(PgpIntegrityException.class, () -> keyring.decrypt(binary, fp), name + " " + mode);
        }
    }

    static byte[] bcEncrypt(byte[] key, PgpPublicKey pub, String mode) throws Exception {
        var builder = new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom());
        switch (mode) {
            case "v6-ocb" -> builder.setUseV6AEAD().setWithAEAD(AEADAlgorithmTags.OCB, 6);
            case "v6-gcm" -> builder.setUseV6AEAD().setWithAEAD(AEADAlgorithmTags.GCM, 6);
            case "v6-eax" -> builder.setUseV6AEAD().setWithAEAD(AEADAlgorithmTags.EAX, 6);
            case "v5-ocb" -> builder.setUseV5AEAD().setWithAEAD(AEADAlgorithmTags.OCB, 6);
            default -> { }
        }
        var generator = new PGPEncryptedDataGenerator(builder);
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(
                PgpEncryptor.encryptionKey(pub.ring(), null)).setSecureRandom(new SecureRandom()));
        var out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out);
             OutputStream body = generator.open(armor, new byte[256])) {
            OutputStream inner = body;
            PGPCompressedDataGenerator compressor = null;
            if (mode.endsWith("compressed")) {
                compressor = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB);
                inner = compressor.open(body);
            }
            try (OutputStream literal = new PGPLiteralDataGenerator().open(inner, PGPLiteralData.BINARY, "", key.length, new Date())) {
                literal.write(key);
            }
            if (compressor != null) compressor.close();
        }
        return out.toByteArray();
    }

    @Test
    void sopsGpgExecNamesTheBinaryWhenAbsolute() throws IOException {
        Path marker = gpg.home.resolve("wrapper-called");
        Path wrapper = gpg.home.resolve("gpg-wrapper.sh");
        Files.writeString(wrapper, "#!/bin/sh\necho called >> '" + marker + "'\nexec gpg \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        GnupgHome home = GnupgHome.at(gpg.home, Map.of("SOPS_GPG_EXEC", wrapper.toString()));
        assertEquals(wrapper.toString(), home.executable());
        String fp = KEYS.get("cv25519");
        byte[] key = dataKey();
        assertArrayEquals(key, home.decrypt(gpg.run(key, "--trust-model", "always", "-e", "-r", fp), fp));
        assertTrue(Files.exists(marker), "the wrapper must have run");
        assertEquals("gpg", GnupgHome.at(gpg.home, Map.of("SOPS_GPG_EXEC", "relative/gpg")).executable());
        assertEquals(gpg.home, GnupgHome.fromEnvironment(Map.of("GNUPGHOME", gpg.home.toString())).home());
        var missing = GnupgHome.at(gpg.home, Map.of("SOPS_GPG_EXEC", gpg.home.resolve("no-such-gpg").toString()));
        var e = assertThrows(GpgException.class, () -> missing.decrypt(new byte[]{1}, fp));
        assertTrue(e.getMessage().contains("no-such-gpg"), e.getMessage());
    }

    @Test
    void exportingAnUnknownFingerprintFails() {
        GnupgHome home = GnupgHome.at(gpg.home, Map.of());
        String unknown = "0123456789ABCDEF0123456789ABCDEF01234567";
        var e = assertThrows(PgpKeyNotFoundException.class, () -> home.exportPublicKey(unknown));
        assertTrue(e.getMessage().contains(unknown), e.getMessage());
    }

    @Test
    void theKeyringShowsOnlyFingerprints() {
        assertEquals(List.copyOf(KEYS.values()), keyring.fingerprints());
        assertEquals("PgpKeyring" + KEYS.values(), keyring.toString());
    }

    @Test
    void aGnupgHomeWhoseKeyIsLockedPassesGpgsErrorOn() throws Exception {
        String fp = KEYS.get("protected");
        byte[] message = gpg.run(dataKey(), "--trust-model", "always", "-e", "-r", fp);
        // Forget cached passphrases: in batch mode with no terminal, gpg cannot ask for one.
        new ProcessBuilder("gpgconf", "--homedir", gpg.home.toString(), "--reload", "gpg-agent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        var e = assertThrows(GpgException.class, () -> GnupgHome.at(gpg.home, Map.of()).decrypt(message, fp));
        assertTrue(e.getMessage().contains("decryption failed") && e.getMessage().contains(fp), e.getMessage());
        assertEquals(2, e.exitStatus());
    }
}
