package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityFileTest {
    private final X25519Identity a = X25519Identity.generate();
    private final X25519Identity b = X25519Identity.generate();
    private final HybridIdentity pq = HybridIdentity.generate();

    private String key(X25519Identity id) {
        return new String(id.encoded(), StandardCharsets.US_ASCII);
    }

    @Test
    void parsesCommentsBlankLinesCrlfAndSeveralKeys() throws IOException {
        String text = "# created: 2026-01-01T00:00:00Z\r\n# public key: " + a.recipient() + "\r\n" + key(a) + "\r\n\r\n"
                + key(b) + "\n" + new String(pq.encoded(), StandardCharsets.US_ASCII);
        List<Identity> ids = IdentityFile.parse("keys.txt", text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, ids.size());
        assertEquals(a.recipient(), ((X25519Identity) ids.get(0)).recipient());
        assertEquals(b.recipient(), ((X25519Identity) ids.get(1)).recipient());
        assertEquals(pq.recipient(), ((HybridIdentity) ids.get(2)).recipient());
    }

    @Test
    void badLineIsNamedButNotEchoed() {
        String broken = key(a).substring(0, 70) + "AAAA";
        String text = "# comment\n" + key(b) + "\n" + broken + "\n";
        var e = assertThrows(IdentityFileException.class, () -> IdentityFile.parse("keys.txt", text.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, e.line());
        assertEquals("keys.txt", e.fileName());
        assertTrue(e.getMessage().startsWith("keys.txt:3: "), e.getMessage());
        assertTrue(!e.getMessage().contains(broken.substring(16, 60)), "never echo key text: " + e.getMessage());
        var unknown = assertThrows(IdentityFileException.class, () -> IdentityFile.parse("k", "hello secret\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(!unknown.getMessage().contains("secret"), unknown.getMessage());
        assertThrows(IdentityFileException.class, () -> IdentityFile.parse("k", "# only comments\n\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void keygenFileParsesBack() throws IOException {
        byte[] file = IdentityFile.keygenFile(a, java.time.OffsetDateTime.parse("2026-11-28T21:00:00.5Z"));
        String text = new String(file, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("# created: 2026-11-28T21:00:00Z\n# public key: " + a.recipient() + "\nAGE-SECRET-KEY-1"), text.substring(0, 40));
        assertEquals(a.recipient(), ((X25519Identity) IdentityFile.parse("k", file).getFirst()).recipient());
        byte[] pqFile = IdentityFile.keygenFile(pq, java.time.OffsetDateTime.now());
        assertEquals(pq.recipient(), ((HybridIdentity) IdentityFile.parse("k", pqFile).getFirst()).recipient());
    }

    @Test
    void sshKeysAreRecognised() {
        byte[] pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(IdentityFile.Kind.SSH_PRIVATE_KEY, IdentityFile.kind(pem));
        assertThrows(IdentityFileException.class, () -> IdentityFile.parse("id_ed25519", pem));
    }

    @Test
    void passphraseProtectedFiles() throws IOException {
        byte[] inner = (key(a) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] pass = "secret words".getBytes(StandardCharsets.UTF_8);
        for (boolean armored : new boolean[] {false, true}) {
            var buf = new ByteArrayOutputStream();
            try (OutputStream raw = armored ? Armor.encoder(buf) : buf; OutputStream w = Age.encrypt(raw, List.of(new ScryptRecipient(pass, 10)))) {
                w.write(inner);
            }
            byte[] file = buf.toByteArray();
            assertEquals(IdentityFile.Kind.PASSPHRASE_ENCRYPTED, IdentityFile.kind(file));
            List<Identity> ids = IdentityFile.parse("key.age", file, name -> "secret words".getBytes(StandardCharsets.UTF_8));
            assertEquals(a.recipient(), ((X25519Identity) ids.getFirst()).recipient());
            var wrong = assertThrows(IdentityFileException.class, () -> IdentityFile.parse("key.age", file, name -> "nope".getBytes(StandardCharsets.UTF_8)));
            assertTrue(wrong.getCause() instanceof NoIdentityMatchException);
            assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
            assertThrows(IdentityFileException.class, () -> IdentityFile.parse("key.age", file));
        }
        assertArrayEquals("secret words".getBytes(StandardCharsets.UTF_8), pass, "the caller's array is left alone");
    }
}
