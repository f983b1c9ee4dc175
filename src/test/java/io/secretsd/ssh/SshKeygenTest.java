package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Private and public key files made by the real ssh-keygen, in every format and cipher it offers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshKeygenTest {
    static final byte[] PASS = "pass".getBytes(StandardCharsets.UTF_8);
    static final byte[] PEM_PASS = "passphrase".getBytes(StandardCharsets.UTF_8); // ssh-keygen wants 5+ for PEM

    @TempDir
    static Path dir;

    @BeforeAll
    void makeKeys() throws Exception {
        Tools.require("ssh-keygen", "openssh-client");
        keygen("ed", "-t", "ed25519", "-N", "");
        keygen("rsa2048", "-t", "rsa", "-b", "2048", "-N", "");
        keygen("rsa3072", "-t", "rsa", "-b", "3072", "-N", "pass", "-Z", "aes256-gcm@openssh.com");
        keygen("ecdsa", "-t", "ecdsa", "-N", "");
        keygen("ecdsa-pem", "-t", "ecdsa", "-m", "PEM", "-N", "");
        // Other encodings of the same keys: ssh-keygen -p rewrites a copy with a new format or passphrase.
        for (String cipher : new String[] {"aes256-ctr", "aes256-cbc", "aes256-gcm@openssh.com", "aes128-ctr",
                "chacha20-poly1305@openssh.com", "3des-cbc"}) {
            reencode("ed", "ed-" + cipher, "-N", "pass", "-Z", cipher);
            reencode("rsa2048", "rsa2048-" + cipher, "-N", "pass", "-Z", cipher);
        }
        reencode("ed", "ed-default", "-N", "pass");
        reencode("rsa2048", "rsa2048-pem", "-N", "", "-m", "PEM");
        reencode("rsa2048", "rsa2048-pem-encrypted", "-N", "passphrase", "-m", "PEM");
        reencode("rsa2048", "rsa2048-pkcs8", "-N", "", "-m", "PKCS8");
        reencode("rsa2048", "rsa2048-pkcs8-encrypted", "-N", "passphrase", "-m", "PKCS8");
    }

    private void keygen(String name, String... args) throws Exception {
        String[] cmd = new String[args.length + 6];
        cmd[0] = "ssh-keygen";
        cmd[1] = "-q";
        cmd[2] = "-f";
        cmd[3] = name;
        cmd[4] = "-C";
        cmd[5] = name + "@test";
        System.arraycopy(args, 0, cmd, 6, args.length);
        Tools.run(dir, cmd);
    }

    private void reencode(String from, String to, String... args) throws Exception {
        Files.copy(dir.resolve(from), dir.resolve(to));
        Files.copy(dir.resolve(from + ".pub"), dir.resolve(to + ".pub"));
        String[] cmd = new String[args.length + 6];
        cmd[0] = "ssh-keygen";
        cmd[1] = "-q";
        cmd[2] = "-p";
        cmd[3] = "-P";
        cmd[4] = "";
        cmd[5] = "-f";
        String[] all = Arrays.copyOf(cmd, cmd.length + 1);
        all[6] = to;
        System.arraycopy(args, 0, all, 7, args.length);
        Tools.run(dir, all);
    }

    private SshPrivateKey parse(String name, byte[] passphrase) throws Exception {
        return SshPrivateKey.parse(Files.readAllBytes(dir.resolve(name)), passphrase);
    }

    private SshPublicKey pub(String name) throws Exception {
        return SshPublicKey.parse(Files.readString(dir.resolve(name + ".pub")));
    }

    @Test
    void unencryptedEd25519() throws Exception {
        try (var key = parse("ed", null)) {
            var ed = assertInstanceOf(SshPrivateKey.Ed25519.class, key);
            assertEquals(pub("ed"), ed.publicKey());
            assertEquals("ed@test", ed.comment());
            assertEquals(Files.readString(dir.resolve("ed.pub")).strip(), ed.publicKey().authorizedKey() + " ed@test");
        }
    }

    @Test
    void unencryptedRsa2048() throws Exception {
        try (var key = parse("rsa2048", null)) {
            var rsa = assertInstanceOf(SshPrivateKey.Rsa.class, key);
            assertEquals(pub("rsa2048"), rsa.publicKey());
            assertEquals(2048, rsa.publicKey().bits());
            assertEquals("rsa2048@test", rsa.comment());
        }
    }

    @Test
    void encryptedRsa3072WithAesGcm() throws Exception {
        try (var key = parse("rsa3072", PASS)) {
            assertEquals(pub("rsa3072"), key.publicKey());
            assertEquals(3072, ((SshPublicKey.Rsa) key.publicKey()).bits());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "aes256-ctr", "aes256-cbc", "aes256-gcm@openssh.com", "aes128-ctr",
            "chacha20-poly1305@openssh.com", "3des-cbc"})
    void encryptedWithEachCipher(String cipher) throws Exception {
        try (var key = parse("ed-" + cipher, PASS)) {
            assertEquals(pub("ed"), key.publicKey());
            assertEquals("ed@test", key.comment());
        }
        if (!cipher.equals("default")) {
            try (var key = parse("rsa2048-" + cipher, PASS)) {
                assertEquals(pub("rsa2048"), key.publicKey());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed-default", "ed-aes256-gcm@openssh.com", "ed-chacha20-poly1305@openssh.com",
            "rsa2048-aes256-cbc", "rsa3072"})
    void wrongPassphrase(String name) {
        assertThrows(WrongPassphraseException.class, () -> parse(name, "wrong".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed-default", "ed-aes256-gcm@openssh.com", "rsa3072"})
    void missingPassphraseOffersThePublicKey(String name) throws Exception {
        var e = assertThrows(PassphraseRequiredException.class, () -> parse(name, null));
        assertEquals(pub(name), e.publicKey().orElseThrow());
        assertThrows(PassphraseRequiredException.class, () -> parse(name, new byte[0]));
    }

    @Test
    void pemRsa() throws Exception {
        assertTrue(Files.readString(dir.resolve("rsa2048-pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        try (var key = parse("rsa2048-pem", null)) {
            assertEquals(pub("rsa2048"), key.publicKey());
            assertEquals("", key.comment());
        }
    }

    @Test
    void pemRsaEncrypted() throws Exception {
        try (var key = parse("rsa2048-pem-encrypted", PEM_PASS)) {
            assertEquals(pub("rsa2048"), key.publicKey());
        }
        assertThrows(PassphraseRequiredException.class, () -> parse("rsa2048-pem-encrypted", null));
        assertThrows(WrongPassphraseException.class, () -> parse("rsa2048-pem-encrypted", "wrong pass".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pkcs8Rsa() throws Exception {
        assertTrue(Files.readString(dir.resolve("rsa2048-pkcs8")).startsWith("-----BEGIN PRIVATE KEY-----"));
        try (var key = parse("rsa2048-pkcs8", null)) {
            assertEquals(pub("rsa2048"), key.publicKey());
        }
    }

    @Test
    void encryptedPkcs8IsAnUnsupportedEncryption() {
        var e = assertThrows(UnsupportedEncryptionException.class, () -> parse("rsa2048-pkcs8-encrypted", PEM_PASS));
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }

    /** OpenSSH 9.2 writes Ed25519 keys only as openssh-key-v1, so the PKCS#8 form comes from openssl. */
    @Test
    void pkcs8Ed25519FromOpenssl() throws Exception {
        Tools.require("openssl", "openssl");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ossl-ed.pem");
        byte[] spki = Tools.run(dir, "openssl", "pkey", "-in", "ossl-ed.pem", "-pubout", "-outform", "DER");
        try (var key = parse("ossl-ed.pem", null)) {
            var ed = assertInstanceOf(SshPrivateKey.Ed25519.class, key);
            assertArrayEquals(Arrays.copyOfRange(spki, spki.length - 32, spki.length), ed.publicKey().point());
        }
    }

    @Test
    void ecdsaIsUnsupportedAndNamed() throws Exception {
        var e = assertThrows(UnsupportedKeyTypeException.class, () -> parse("ecdsa", null));
        assertEquals("ecdsa-sha2-nistp256", e.keyType());
        assertTrue(e.getMessage().contains("ecdsa-sha2-nistp256"), e.getMessage());
        var pem = assertThrows(UnsupportedKeyTypeException.class, () -> parse("ecdsa-pem", null));
        assertTrue(pem.keyType().startsWith("ecdsa"), pem.keyType());
        var line = assertThrows(UnsupportedKeyTypeException.class, () -> pub("ecdsa"));
        assertEquals("ecdsa-sha2-nistp256", line.keyType());
    }

    @Test
    void publicKeyFromPrivateMatchesSshKeygenY() throws Exception {
        for (String name : new String[] {"ed", "rsa2048", "rsa2048-pem"}) {
            String y = new String(Tools.run(dir, "ssh-keygen", "-y", "-f", name), StandardCharsets.US_ASCII).strip();
            try (var key = parse(name, null)) {
                assertEquals(y.split(" ")[0] + " " + y.split(" ")[1], key.publicKey().authorizedKey());
            }
            String fingerprint = new String(Tools.run(dir, "ssh-keygen", "-l", "-f", name + ".pub"), StandardCharsets.US_ASCII);
            assertEquals(fingerprint.split(" ")[1], pub(name.replace("-pem", "")).fingerprint());
        }
    }

    @Test
    void wipeMakesTheKeyUnusable() throws Exception {
        var key = (SshPrivateKey.Ed25519) parse("ed", null);
        key.wipe();
        assertThrows(IllegalStateException.class, key::seed);
        var rsa = (SshPrivateKey.Rsa) parse("rsa2048", null);
        rsa.close();
        assertThrows(IllegalStateException.class, rsa::toKeySpec);
    }
}
