package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Hand-built openssh-key-v1 files, one defect each: every error is typed and names its field. */
class OpenSshKeyV1Test {
    static final SshPrivateKey.Ed25519 KEY = TestKeys.ed25519();

    /** The structure of PROTOCOL.key with each part replaceable. */
    record Build(String cipher, String kdf, byte[] kdfOptions, int count, long check1, long check2, String type,
                 String comment, boolean badPadding, byte[] trailing) {
        static Build valid() {
            return new Build("none", "none", new byte[0], 1, 0x12345678L, 0x12345678L, "ssh-ed25519", "c",
                    false, new byte[0]);
        }

        byte[] file() {
            byte[] point = KEY.publicKey().point();
            byte[] priv = new byte[64];
            System.arraycopy(KEY.seed(), 0, priv, 0, 32);
            System.arraycopy(point, 0, priv, 32, 32);
            byte[] section = new SshWireWriter().uint32(check1).uint32(check2).string(type).string(point).string(priv)
                    .string(comment).toByteArray();
            int blockSize = cipher.equals("none") ? 8 : 16;
            int n = (blockSize - section.length % blockSize) % blockSize;
            byte[] padded = java.util.Arrays.copyOf(section, section.length + n);
            for (int i = 0; i < n; i++) padded[section.length + i] = (byte) (i + 1);
            if (badPadding) padded[padded.length - 1] = 0;
            var w = new SshWireWriter();
            byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
            byte[] body = new SshWireWriter().string(cipher).string(kdf).string(kdfOptions).uint32(count)
                    .string(KEY.publicKey().wireBlob()).string(padded).toByteArray();
            byte[] all = new byte[magic.length + body.length + trailing.length];
            System.arraycopy(magic, 0, all, 0, magic.length);
            System.arraycopy(body, 0, all, magic.length, body.length);
            System.arraycopy(trailing, 0, all, magic.length + body.length, trailing.length);
            return ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(all)
                    + "\n-----END OPENSSH PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static MalformedKeyException malformed(Build b) {
        return assertThrows(MalformedKeyException.class, () -> SshPrivateKey.parse(b.file()));
    }

    @Test
    void theValidOneParses() throws Exception {
        var b = Build.valid();
        try (var key = SshPrivateKey.parse(b.file())) {
            assertEquals(KEY.publicKey(), key.publicKey());
            assertEquals("c", key.comment());
        }
    }

    @Test
    void checkIntsDifferWithoutEncryption() {
        var b = Build.valid();
        var e = malformed(new Build(b.cipher(), b.kdf(), b.kdfOptions(), 1, 1, 2, b.type(), b.comment(), false, b.trailing()));
        assertTrue(e.field().contains("checkint"), e.field());
    }

    @Test
    void badPadding() {
        var b = Build.valid();
        var e = malformed(new Build(b.cipher(), b.kdf(), b.kdfOptions(), 1, 7, 7, b.type(), b.comment(), true, b.trailing()));
        assertTrue(e.field().contains("padding"), e.field());
    }

    @Test
    void keyCountAndTrailingBytes() {
        var b = Build.valid();
        var count = malformed(new Build(b.cipher(), b.kdf(), b.kdfOptions(), 2, 7, 7, b.type(), b.comment(), false, b.trailing()));
        assertTrue(count.field().contains("key count"), count.field());
        var trailing = malformed(new Build(b.cipher(), b.kdf(), b.kdfOptions(), 1, 7, 7, b.type(), b.comment(), false, new byte[] {0}));
        assertTrue(trailing.getMessage().contains("trailing"), trailing.getMessage());
    }

    @Test
    void privateTypeDiffersFromPublic() {
        var b = Build.valid();
        var e = malformed(new Build(b.cipher(), b.kdf(), b.kdfOptions(), 1, 7, 7, "ssh-rsa", b.comment(), false, b.trailing()));
        assertTrue(e.field().contains("key type"), e.field());
    }

    @Test
    void unsupportedCipherAndKdf() {
        var b = Build.valid();
        var cipher = assertThrows(UnsupportedEncryptionException.class, () -> SshPrivateKey.parse(new Build("aes256-foo",
                "bcrypt", b.kdfOptions(), 1, 7, 7, b.type(), b.comment(), false, b.trailing()).file(), "p".getBytes()));
        assertTrue(cipher.getMessage().contains("aes256-foo"), cipher.getMessage());
        byte[] options = new SshWireWriter().string(new byte[16]).uint32(16).toByteArray();
        var kdf = assertThrows(UnsupportedEncryptionException.class, () -> SshPrivateKey.parse(new Build("aes256-ctr",
                "scrypt", options, 1, 7, 7, b.type(), b.comment(), false, b.trailing()).file(),
                "p".getBytes()));
        assertTrue(kdf.getMessage().contains("scrypt"), kdf.getMessage());
        byte[] huge = new SshWireWriter().string(new byte[16]).uint32(1L << 30).toByteArray();
        var rounds = assertThrows(UnsupportedEncryptionException.class, () -> SshPrivateKey.parse(new Build("aes256-ctr",
                "bcrypt", huge, 1, 7, 7, b.type(), b.comment(), false, b.trailing()).file(),
                "p".getBytes()));
        assertTrue(rounds.getMessage().contains("rounds"), rounds.getMessage());
    }

    @Test
    void kdfWithoutCipherIsMalformed() {
        var b = Build.valid();
        var e = malformed(new Build("none", "bcrypt", b.kdfOptions(), 1, 7, 7, b.type(), b.comment(), false, b.trailing()));
        assertTrue(e.field().contains("kdf name"), e.field());
    }

    @Test
    void notPemOrPublicKeyGiven() {
        var e = assertThrows(MalformedKeyException.class,
                () -> SshPrivateKey.parse(KEY.publicKey().authorizedKey().getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
        assertThrows(MalformedKeyException.class, () -> SshPrivateKey.parse(new byte[0]));
        assertThrows(MalformedKeyException.class, () -> SshPrivateKey.parse(
                "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
