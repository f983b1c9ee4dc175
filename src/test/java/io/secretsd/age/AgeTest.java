package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade's contract: typed errors with clear messages, identity order, recipient rules. */
class AgeTest {
    private final X25519Identity alice = X25519Identity.generate();
    private final X25519Identity bob = X25519Identity.generate();

    private static byte[] readAll(byte[] file, List<? extends Identity> ids) throws IOException {
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(file), ids)) {
            return in.readAllBytes();
        }
    }

    /** Issue 9, defect 11: 100,000 X25519 stanzas cost 20-37 s of CPU before the cap. */
    @Test
    void aStanzaBombIsRefusedBeforeAnyUnwrap() throws IOException {
        X25519Identity id = X25519Identity.generate();
        byte[] one = Age.encrypt("x".getBytes(StandardCharsets.UTF_8), List.of(X25519Identity.generate().recipient()));
        String text = new String(one, StandardCharsets.ISO_8859_1);
        int first = text.indexOf("-> ");
        int footer = text.indexOf("\n---") + 1;
        String stanza = text.substring(first, footer);
        StringBuilder bomb = new StringBuilder(text.substring(0, first));
        bomb.append(stanza.repeat(100_000)).append(text.substring(footer));
        long t0 = System.nanoTime();
        HeaderException e = assertThrows(HeaderException.class,
                () -> Age.decrypt(new ByteArrayInputStream(bomb.toString().getBytes(StandardCharsets.ISO_8859_1)), List.of(id)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("age stanza bomb (100,000 X25519 stanzas): refused in " + ms + " ms");
        assertEquals("header has more than 1000 stanzas (one per recipient): refusing it", e.getMessage());
        assertTrue(ms < 5000, ms + " ms");

        // the cap itself still decrypts: 1,000 recipients, the last one ours
        List<X25519Recipient> many = new java.util.ArrayList<>();
        for (int i = 0; i < 999; i++) many.add(X25519Identity.generate().recipient());
        many.add(id.recipient());
        byte[] full = Age.encrypt("y".getBytes(StandardCharsets.UTF_8), many);
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(full), List.of(id))) {
            assertEquals("y", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void encryptsToSeveralRecipients() throws IOException {
        byte[] plain = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] file = Age.encrypt(plain, List.of(alice.recipient(), bob.recipient()));
        assertArrayEquals(plain, Age.decrypt(file, List.of(bob)));
        assertArrayEquals(plain, Age.decrypt(file, List.of(X25519Identity.generate(), alice)));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("age-encryption.org/v1\n-> X25519 "));
    }

    @Test
    void noMatchNamesTheIdentitiesTried() throws IOException {
        byte[] file = Age.encrypt(new byte[10], List.of(alice.recipient()));
        var e = assertThrows(NoIdentityMatchException.class, () -> readAll(file, List.of(bob, new ScryptIdentity("x".getBytes(StandardCharsets.UTF_8)))));
        assertEquals("no identity matched any of the recipients (tried age key " + bob.recipient()
                + ", passphrase; the file is encrypted to age1… keys)", e.getMessage());
        assertThrows(NoIdentityMatchException.class, () -> readAll(file, List.of()));
    }

    @Test
    void badHeaderMac() throws IOException {
        byte[] file = Age.encrypt(new byte[10], List.of(alice.recipient()));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\n--- ") + 5;
        file[mac] = (byte) (file[mac] == 'A' ? 'B' : 'A');
        byte[] broken = file;
        var e = assertThrows(AgeException.class, () -> readAll(broken, List.of(alice)));
        // Either the MAC no longer decodes canonically (header) or it is simply wrong (MAC).
        assertTrue(e instanceof HeaderMacException || e instanceof HeaderException, e.toString());
    }

    @Test
    void wrongMacIsHeaderMacException() throws IOException {
        byte[] file = Age.encrypt(new byte[10], List.of(alice.recipient()));
        HeaderParser.Result r = HeaderParser.parse(new ByteArrayInputStream(file));
        byte[] rest = r.payload().readAllBytes();
        Header forged = new Header(r.header().stanzas(), new byte[32]);
        byte[] out = AgeProperties.concat(forged.encode(), rest);
        var e = assertThrows(HeaderMacException.class, () -> readAll(out, List.of(alice)));
        assertEquals("bad header MAC", e.getMessage());
    }

    @Test
    void payloadErrorsHaveTheirOwnMessages() throws IOException {
        byte[] plain = AgeProperties.bytes(200_000, 1);
        byte[] file = Age.encrypt(plain, List.of(alice.recipient()));
        int header = file.length - 16 - plain.length - 4 * 16;

        var truncated = Arrays.copyOf(file, file.length - 70_000);
        var released = new ByteArrayOutputStream();
        var e = assertThrows(PayloadException.class, () -> drain(truncated, released));
        assertEquals(65536, released.size(), "the chunks that authenticated are released first");
        assertTrue(e.getMessage().contains("chunk"), e.getMessage());

        var noFinal = Arrays.copyOf(file, header + 16 + 65552);
        e = assertThrows(PayloadException.class, () -> drain(noFinal, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // Only after a full final chunk is extra input told apart from a corrupt chunk, as in the reference.
        byte[] twoChunks = Arrays.copyOf(plain, 131072);
        var trailing = AgeProperties.concat(Age.encrypt(twoChunks, List.of(alice.recipient())), new byte[] {0});
        var all = new ByteArrayOutputStream();
        e = assertThrows(PayloadException.class, () -> drain(trailing, all));
        assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
        assertArrayEquals(twoChunks, all.toByteArray());

        var flipped = file.clone();
        flipped[header + 16 + 10] ^= 1;
        e = assertThrows(PayloadException.class, () -> drain(flipped, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("authenticate"), e.getMessage());

        var noNonce = Arrays.copyOf(file, header + 5);
        assertThrows(HeaderException.class, () -> drain(noNonce, new ByteArrayOutputStream()));
    }

    private void drain(byte[] file, ByteArrayOutputStream out) throws IOException {
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(file), List.of(alice))) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
        }
    }

    @Test
    void scryptMustBeAlone() throws IOException {
        var scrypt = new ScryptRecipient("pw".getBytes(StandardCharsets.UTF_8), 10);
        assertThrows(IllegalArgumentException.class, () -> Age.encrypt(new byte[1], List.of(scrypt, alice.recipient())));
        byte[] file = Age.encrypt(new byte[1], List.of(scrypt));
        assertArrayEquals(new byte[1], Age.decrypt(file, List.of(alice, new ScryptIdentity("pw".getBytes(StandardCharsets.UTF_8)))));
        var low = new ScryptIdentity("pw".getBytes(StandardCharsets.UTF_8), 9);
        assertThrows(MalformedStanzaException.class, () -> Age.decrypt(file, List.of(low)));
        assertThrows(NoIdentityMatchException.class, () -> Age.decrypt(file, List.of(new ScryptIdentity("no".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void unknownStanzasAreSkipped() throws IOException {
        Recipient grease = fileKey -> List.of(new Stanza("grease-1", List.of("a", "b"), new byte[50]));
        byte[] file = Age.encrypt(new byte[3], List.of(grease, alice.recipient()));
        assertArrayEquals(new byte[3], Age.decrypt(file, List.of(alice)));
    }

    @Test
    void hybridRoundTripAndNoMixing() throws IOException {
        HybridIdentity pq = HybridIdentity.generate();
        HybridRecipient r = pq.recipient();
        byte[] plain = AgeProperties.bytes(70_000, 3);
        byte[] file = Age.encrypt(plain, List.of(r, HybridIdentity.generate().recipient()));
        assertArrayEquals(plain, Age.decrypt(file, List.of(alice, pq)));
        assertThrows(IllegalArgumentException.class, () -> Age.encrypt(plain, List.of(r, alice.recipient())));
        assertTrue(r.toString().startsWith("age1pq1"));
        assertEquals(r, Recipients.parse(r.toString()));
        byte[] enc = pq.encoded();
        String s = new String(enc, StandardCharsets.US_ASCII);
        assertTrue(s.startsWith("AGE-SECRET-KEY-PQ-1"), "identity is uppercase Bech32");
        assertEquals(r, HybridIdentity.parse(s).recipient());
        assertTrue(!pq.toString().contains(s.substring(20)), "toString never shows the secret");
    }

    @Test
    void identitiesParseAndPrint() throws IOException {
        byte[] enc = alice.encoded();
        String s = new String(enc, StandardCharsets.US_ASCII);
        assertEquals(74, s.length());
        assertTrue(s.startsWith("AGE-SECRET-KEY-1"));
        assertEquals(alice.recipient(), X25519Identity.parse(s).recipient());
        assertThrows(KeyParseException.class, () -> X25519Identity.parse(s.toLowerCase()), "age rejects a lowercase secret key");
        String rec = alice.recipient().toString();
        assertEquals(62, rec.length());
        assertEquals(alice.recipient(), Recipients.parse(rec));
        assertThrows(KeyParseException.class, () -> Recipients.parse(rec.toUpperCase()));
        // one changed checksum character; Bech32 detects every such change (a fixed "qq" suffix equalled a
        // random key's own checksum once in 1,024 runs)
        assertThrows(KeyParseException.class, () -> Recipients.parse(rec.substring(0, 61) + (rec.charAt(61) == 'q' ? 'p' : 'q')));
        assertThrows(KeyParseException.class, () -> Recipients.parse("ssh-ed25519 AAAA"));
        var e = assertThrows(KeyParseException.class, () -> X25519Identity.parse(s.substring(0, 73) + (s.charAt(73) == 'Q' ? 'P' : 'Q')));
        assertTrue(!e.getMessage().contains(s.substring(16, 40)), "errors never echo a secret key");
        assertTrue(!alice.toString().contains(s.substring(16)));
        alice.destroy();
        assertTrue(alice.isDestroyed());
    }

    @Test
    void ssh2AgeKnownAnswer() throws IOException {
        // ssh-to-age README: id_ed25519.pub converts to this recipient; the identity to this key.
        var id = X25519Identity.parse("AGE-SECRET-KEY-1K3VN4N03PTHJWSJSCCMQCN33RY5FSKQPJ4KRRTG3JMQUYE0TUSEQEDH6V8");
        assertEquals("age17044m9wgakla6pzftf4srtl3h5mcsr85jysgt5fg23zpnta8sfdqhzn452", id.recipient().toString());
    }
}
