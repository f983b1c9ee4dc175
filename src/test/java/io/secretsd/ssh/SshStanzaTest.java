package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secretsd.age.MalformedStanzaException;
import io.secretsd.age.Primitives;
import io.secretsd.age.Stanza;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Wrap and unwrap of the ssh-ed25519 and ssh-rsa stanzas (agessh.go), and what counts as "not mine". */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshStanzaTest {
    SshPrivateKey.Rsa rsa;
    SshPrivateKey.Rsa otherRsa;

    @BeforeAll
    void rsaKeys() throws Exception {
        rsa = TestKeys.rsa(2048);
        otherRsa = TestKeys.rsa(2048);
    }

    @Test
    void ed25519RoundTrip() throws Exception {
        var key = TestKeys.ed25519();
        byte[] fileKey = Primitives.random(16);
        List<Stanza> stanzas = new SshEd25519Recipient(key.publicKey()).wrap(fileKey);
        assertEquals(1, stanzas.size());
        Stanza s = stanzas.get(0);
        assertEquals("ssh-ed25519", s.type());
        assertEquals(SshStanzas.tag(key.publicKey()), s.args().get(0));
        assertEquals(6, s.args().get(0).length());
        assertEquals(32, SshStanzas.decodeCanonical(s.args().get(1)).length);
        assertEquals(32, s.body().length);
        assertArrayEquals(fileKey, new SshEd25519Identity(key).unwrap(stanzas));
    }

    @Test
    void ed25519MontgomeryFormMatchesTheScalar() {
        var key = TestKeys.ed25519();
        assertArrayEquals(key.publicKey().montgomeryU(), Primitives.x25519Base(key.x25519Scalar()));
    }

    @Test
    void ed25519TagKnownAnswer() throws Exception {
        // ssh-to-age test-assets/id_ed25519.pub; the tag from the age notes (§3.1).
        var pub = SshPublicKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHz+U0YtjINc54dZiJNclfmEFifF7RXCFlNlTbuZBji joerg@turingmachine");
        assertEquals("wEPu5w", SshStanzas.tag(pub));
    }

    @Test
    void ed25519NotMine() throws Exception {
        var mine = TestKeys.ed25519();
        var other = TestKeys.ed25519();
        List<Stanza> stanzas = new SshEd25519Recipient(other.publicKey()).wrap(Primitives.random(16));
        assertNull(new SshEd25519Identity(mine).unwrap(stanzas));
        assertNull(new SshEd25519Identity(mine).unwrap(List.of(new Stanza("X25519", List.of("abc"), new byte[32]))));
        assertNull(new SshEd25519Identity(mine).unwrap(SshRsaRecipient.of(rsa.publicKey()).wrap(Primitives.random(16))));
    }

    @Test
    void ed25519FindsItsStanzaAmongOthers() throws Exception {
        var mine = TestKeys.ed25519();
        byte[] fileKey = Primitives.random(16);
        var stanzas = new java.util.ArrayList<Stanza>();
        stanzas.addAll(new SshEd25519Recipient(TestKeys.ed25519().publicKey()).wrap(fileKey));
        stanzas.addAll(SshRsaRecipient.of(rsa.publicKey()).wrap(fileKey));
        stanzas.addAll(new SshEd25519Recipient(mine.publicKey()).wrap(fileKey));
        assertArrayEquals(fileKey, new SshEd25519Identity(mine).unwrap(stanzas));
        assertArrayEquals(fileKey, new SshRsaIdentity(rsa).unwrap(stanzas));
    }

    @Test
    void ed25519TamperedBodyAfterTagMatchIsFatal() throws Exception {
        var key = TestKeys.ed25519();
        Stanza s = new SshEd25519Recipient(key.publicKey()).wrap(Primitives.random(16)).get(0);
        byte[] body = s.body();
        body[3] ^= 1;
        var tampered = new Stanza(s.type(), s.args(), body);
        assertThrows(MalformedStanzaException.class, () -> new SshEd25519Identity(key).unwrap(List.of(tampered)));
    }

    @Test
    void ed25519MalformedStanzas() throws Exception {
        var key = TestKeys.ed25519();
        var id = new SshEd25519Identity(key);
        Stanza s = new SshEd25519Recipient(key.publicKey()).wrap(Primitives.random(16)).get(0);
        String tag = s.args().get(0), share = s.args().get(1);
        for (List<String> args : List.of(List.of(tag), List.of(tag, share, "x"), List.of(tag, share + "="),
                List.of(tag, share.substring(0, 42) + "B"), List.of(tag, "AAAA"))) {
            assertThrows(MalformedStanzaException.class, () -> id.unwrap(List.of(new Stanza("ssh-ed25519", args, s.body()))),
                    args.toString());
        }
        // A low-order share (all zeros) with our tag: the shared secret is zero.
        assertThrows(MalformedStanzaException.class, () -> id.unwrap(List.of(
                new Stanza("ssh-ed25519", List.of(tag, SshStanzas.encode(new byte[32])), s.body()))));
    }

    @Test
    void rsaRoundTrip() throws Exception {
        byte[] fileKey = Primitives.random(16);
        List<Stanza> stanzas = SshRsaRecipient.of(rsa.publicKey()).wrap(fileKey);
        Stanza s = stanzas.get(0);
        assertEquals("ssh-rsa", s.type());
        assertEquals(List.of(SshStanzas.tag(rsa.publicKey())), s.args());
        assertEquals(256, s.body().length);
        assertArrayEquals(fileKey, new SshRsaIdentity(rsa).unwrap(stanzas));
    }

    @Test
    void rsaNotMineAndTampered() throws Exception {
        List<Stanza> theirs = SshRsaRecipient.of(otherRsa.publicKey()).wrap(Primitives.random(16));
        assertNull(new SshRsaIdentity(rsa).unwrap(theirs));
        assertNull(new SshRsaIdentity(rsa).unwrap(new SshEd25519Recipient(TestKeys.ed25519().publicKey()).wrap(Primitives.random(16))));

        Stanza s = SshRsaRecipient.of(rsa.publicKey()).wrap(Primitives.random(16)).get(0);
        byte[] body = s.body();
        body[100] ^= 1;
        assertThrows(MalformedStanzaException.class, () -> new SshRsaIdentity(rsa).unwrap(List.of(new Stanza("ssh-rsa", s.args(), body))));
        assertThrows(MalformedStanzaException.class, () -> new SshRsaIdentity(rsa).unwrap(List.of(new Stanza("ssh-rsa", s.args(), new byte[3]))));
        assertThrows(MalformedStanzaException.class, () -> new SshRsaIdentity(rsa).unwrap(List.of(new Stanza("ssh-rsa", List.of(), s.body()))));
    }

    @Test
    void smallRsaRecipientsAreRefused() throws Exception {
        var small = TestKeys.rsa(1024);
        var e = assertThrows(UnsupportedKeyTypeException.class, () -> SshRsaRecipient.of(small.publicKey()));
        assertEquals("ssh-rsa", e.keyType());
        // Decrypting with an old small key is still allowed, as in age.
        assertNull(new SshRsaIdentity(small).unwrap(SshRsaRecipient.of(rsa.publicKey()).wrap(Primitives.random(16))));
    }

    @Test
    void wipedIdentitiesRefuseToWork() throws Exception {
        var key = TestKeys.ed25519();
        var id = new SshEd25519Identity(key);
        var stanzas = new SshEd25519Recipient(key.publicKey()).wrap(Primitives.random(16));
        id.destroy();
        org.junit.jupiter.api.Assertions.assertTrue(id.isDestroyed());
        assertThrows(IllegalStateException.class, () -> id.unwrap(stanzas));
        var rsaId = new SshRsaIdentity(TestKeys.rsa(2048));
        var rsaStanzas = SshRsaRecipient.of(rsaId.sshKey()).wrap(Primitives.random(16));
        rsaId.destroy();
        org.junit.jupiter.api.Assertions.assertTrue(rsaId.isDestroyed());
        assertThrows(IllegalStateException.class, () -> rsaId.unwrap(rsaStanzas));
    }

    @Test
    void sshAgeFactories() throws Exception {
        var key = TestKeys.ed25519();
        byte[] fileKey = Primitives.random(16);
        var r = SshAge.recipient(key.publicKey().authorizedKey() + " comment");
        assertEquals(SshEd25519Recipient.class, r.getClass());
        assertArrayEquals(fileKey, new SshEd25519Identity(key).unwrap(r.wrap(fileKey)));
        assertEquals(SshRsaRecipient.class, SshAge.recipient(rsa.publicKey().authorizedKey()).getClass());
    }
}
