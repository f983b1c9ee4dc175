package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class SshPublicKeyTest {
    static final String ED = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHz+U0YtjINc54dZiJNclfmEFifF7RXCFlNlTbuZBji";

    @Test
    void authorizedKeyWithAndWithoutCommentAndOptions() throws Exception {
        SshPublicKey plain = SshPublicKey.parse(ED);
        assertInstanceOf(SshPublicKey.Ed25519.class, plain);
        assertEquals(ED, plain.authorizedKey());
        assertEquals(plain, SshPublicKey.parse(ED + " joerg@turingmachine\n"));
        assertEquals(plain, SshPublicKey.parse("  " + ED + "\tsome comment with spaces\r\n"));
        assertEquals(plain, SshPublicKey.parse("no-pty,command=\"echo \\\"hi there\\\"\",from=\"10.0.0.1\" " + ED + " c"));
        assertEquals(plain, SshPublicKey.parse("restrict " + ED));
    }

    @Test
    void rsaFromTheVectors() throws Exception {
        String line = Files.readString(Vectors.file("sops-nix/ssh-key.pub"));
        var rsa = assertInstanceOf(SshPublicKey.Rsa.class, SshPublicKey.parse(line));
        assertEquals(3072, rsa.bits());
        assertEquals(line.split(" ")[1], Base64.getEncoder().encodeToString(rsa.wireBlob()));
        try (var key = SshPrivateKey.parse(Files.readAllBytes(Vectors.file("sops-nix/ssh-key")))) {
            assertEquals(rsa, key.publicKey());
        }
        try (var key = SshPrivateKey.parse(Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")))) {
            assertEquals(SshPublicKey.parse(Files.readString(Vectors.file("sops-nix/ssh-ed25519-key.pub"))), key.publicKey());
        }
    }

    @Test
    void knownHostsLines() throws Exception {
        SshPublicKey plain = SshPublicKey.parse(ED);
        assertEquals(plain, SshPublicKey.parseKnownHosts("example.org,192.0.2.1 " + ED));
        assertEquals(plain, SshPublicKey.parseKnownHosts("|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= " + ED + " c"));
        assertEquals(plain, SshPublicKey.parseKnownHosts("@cert-authority *.example.org " + ED));
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parseKnownHosts("@bogus host " + ED));
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parseKnownHosts("hostonly"));
    }

    @Test
    void malformedLinesNameTheField() {
        var e = assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse("ssh-ed25519"));
        assertTrue(e.field().contains("key"), e.field());
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse("ssh-ed25519 !!!notbase64"));
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse(""));
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse("# comment"));
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse("command=\"unterminated " + ED));
        // The text type must match the type inside the blob.
        var mismatch = assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse("ssh-rsa " + ED.split(" ")[1]));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());
    }

    @Test
    void wireBlobIsStrict() throws Exception {
        byte[] point = ((SshPublicKey.Ed25519) SshPublicKey.parse(ED)).point();
        byte[] good = new SshWireWriter().string("ssh-ed25519").string(point).toByteArray();
        assertEquals(SshPublicKey.parse(ED), SshPublicKey.fromWireBlob(good));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.fromWireBlob(trailing));
        byte[] shortPoint = new SshWireWriter().string("ssh-ed25519").string(new byte[31]).toByteArray();
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.fromWireBlob(shortPoint));
        byte[] truncated = java.util.Arrays.copyOf(good, 20);
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.fromWireBlob(truncated));
        byte[] evenExponent = new SshWireWriter().string("ssh-rsa").mpint(java.math.BigInteger.valueOf(4))
                .mpint(java.math.BigInteger.ONE.shiftLeft(2047).add(java.math.BigInteger.ONE)).toByteArray();
        assertThrows(MalformedKeyException.class, () -> SshPublicKey.fromWireBlob(evenExponent));
    }

    @Test
    void invalidEd25519PointsAreRejected() {
        byte[] bad = new byte[32];
        for (int i = 2; Ed25519.validatePublicKeyPartial(bad, 0); i++) bad[0] = (byte) i;
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(
                new SshWireWriter().string("ssh-ed25519").string(bad).toByteArray());
        var e = assertThrows(MalformedKeyException.class, () -> SshPublicKey.parse(line));
        assertTrue(e.getMessage().contains("not a point"), e.getMessage());
        assertThrows(MalformedKeyException.class, () -> SshToAge.publicKeyToAge(line));
    }

    @Test
    void unsupportedTypesAreNamed() {
        String ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=";
        var e = assertThrows(UnsupportedKeyTypeException.class, () -> SshPublicKey.parse(ecdsa));
        assertEquals("ecdsa-sha2-nistp256", e.keyType());
        var skipped = assertThrows(UnsupportedKeyTypeException.class, () -> SshToAge.publicKeyToAge(ecdsa));
        assertEquals("ecdsa-sha2-nistp256", skipped.keyType());
    }

    @Test
    void fingerprintAndWireBlobRoundTrip() throws Exception {
        SshPublicKey k = SshPublicKey.parse(ED);
        assertArrayEquals(Base64.getDecoder().decode(ED.split(" ")[1]), k.wireBlob());
        assertTrue(k.fingerprint().startsWith("SHA256:"));
        assertEquals(ED, k.toString());
    }
}
