package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RSA SSH keys made by ssh-keygen, converted to OpenPGP as sops-nix does, checked against gpg. */
class SshToPgpTest {

    /**
     * The v4 fingerprint of an RSA key created at time 0, computed here from the authorized_keys line
     * (RFC 4880 §12.2: SHA-1 over 0x99, a two-octet length and the public key packet body).
     */
    static String expectedFingerprint(String authorizedKeysLine) throws Exception {
        byte[] blob = Base64.getDecoder().decode(authorizedKeysLine.split(" ")[1]);
        var in = new DataInputStream(new java.io.ByteArrayInputStream(blob));
        String type = new String(in.readNBytes(in.readInt()), StandardCharsets.US_ASCII);
        assertEquals("ssh-rsa", type);
        BigInteger e = new BigInteger(in.readNBytes(in.readInt()));
        BigInteger n = new BigInteger(in.readNBytes(in.readInt()));
        var body = new ByteArrayOutputStream();
        var out = new DataOutputStream(body);
        out.writeByte(4);
        out.writeInt(0);
        out.writeByte(1);
        mpi(out, n);
        mpi(out, e);
        var sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update((byte) 0x99);
        sha1.update((byte) (body.size() >> 8));
        sha1.update((byte) body.size());
        return HexFormat.of().withUpperCase().formatHex(sha1.digest(body.toByteArray()));
    }

    private static void mpi(DataOutputStream out, BigInteger v) throws IOException {
        byte[] bytes = v.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        out.writeShort(v.bitLength());
        out.write(bytes, skip, bytes.length - skip);
    }

    @Test
    void theVectorSshKeyConvertsToTheFingerprintComputedFromItsPublicKey() throws Exception {
        String pub = new String(SopsVectors.read("ssh-key.pub"), StandardCharsets.US_ASCII).strip();
        PgpKeyring ring = PgpKeyring.fromSshRsaKey(SopsVectors.dir().resolve("ssh-key"));
        assertEquals(List.of(expectedFingerprint(pub)), ring.fingerprints());
        assertEquals(SopsNixVectorsTest.SSH_KEY, ring.fingerprints().getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RFC4716", "PEM"})
    void sshKeygenRsaKeysConvertAndDecryptWhatGpgEncryptsToThem(String format) throws Exception {
        try (TestGpg gpg = new TestGpg()) {
            Path key = gpg.home.resolve("ssh_host_rsa_key");
            sshKeygen("-q", "-t", "rsa", "-b", "2048", "-N", "", "-m", format, "-C", "host", "-f", key.toString());
            PgpKeyring ring = PgpKeyring.fromSshRsaKey(key);
            String fp = ring.fingerprints().getFirst();
            assertEquals(expectedFingerprint(Files.readString(key.resolveSibling("ssh_host_rsa_key.pub")).strip()), fp);

            gpg.run(ring.publicKey(fp).orElseThrow().armored(), "--import");
            byte[] dataKey = new byte[32];
            new SecureRandom().nextBytes(dataKey);
            byte[] message = gpg.run(dataKey, "--trust-model", "always", "--encrypt", "--armor", "-r", fp);
            assertArrayEquals(dataKey, ring.decrypt(message, fp));
            assertArrayEquals(dataKey, ring.decrypt(PgpEncryptor.encrypt(dataKey, ring.publicKey(fp).orElseThrow()), fp));
        }
    }

    @Test
    void aPassphraseProtectedSshKeyNeedsItsPassphrase() throws Exception {
        try (TestGpg gpg = new TestGpg()) {
            Path key = gpg.home.resolve("id_rsa");
            sshKeygen("-q", "-t", "rsa", "-b", "2048", "-N", "sesame", "-f", key.toString());
            byte[] file = Files.readAllBytes(key);
            PgpKeyring ring = PgpKeyring.fromSshRsaKey(file, "sesame".getBytes(StandardCharsets.UTF_8), key.toString());
            assertEquals(expectedFingerprint(Files.readString(key.resolveSibling("id_rsa.pub")).strip()),
                    ring.fingerprints().getFirst());
            var missing = assertThrows(PgpPassphraseException.class, () -> PgpKeyring.fromSshRsaKey(key));
            assertTrue(missing.getMessage().contains(key.toString()), missing.getMessage());
            assertThrows(PgpPassphraseException.class,
                    () -> PgpKeyring.fromSshRsaKey(file, "wrong".getBytes(StandardCharsets.UTF_8), "id_rsa"));
        }
    }

    @Test
    void nonRsaKeysAreRefusedAsSopsNixRefusesThem() throws IOException {
        var e = assertThrows(PgpUnsupportedException.class,
                () -> PgpKeyring.fromSshRsaKey(SopsVectors.dir().resolve("ssh-ed25519-key")));
        assertTrue(e.getMessage().contains("only RSA keys are supported right now"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-ed25519-key"), e.getMessage());
    }

    @Test
    void notAnSshKeyFailsTyped() {
        var e = assertThrows(PgpException.class, () -> PgpKeyring.fromSshRsaKey("hello".getBytes(), "hello.txt"));
        assertInstanceOf(MalformedPgpException.class, e);
        assertTrue(e.getMessage().contains("hello.txt"), e.getMessage());
    }

    static void sshKeygen(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("ssh-keygen"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("ssh-keygen is needed for this test: apt-get install -y openssh-client (" + e.getMessage() + ")");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail("ssh-keygen failed: " + output);
    }
}
