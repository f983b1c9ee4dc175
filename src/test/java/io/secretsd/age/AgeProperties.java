package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips of header, armor and STREAM; mutated files never decrypt wrongly and fail with typed errors. */
class AgeProperties {
    private static final X25519Identity IDENTITY = X25519Identity.generate();
    private static final byte[] PLAIN = bytes(140_000, 7);
    private static final byte[] FILE;
    private static final byte[] ARMORED;

    static {
        try {
            FILE = Age.encrypt(PLAIN, List.of(IDENTITY.recipient()));
            var buf = new ByteArrayOutputStream();
            try (OutputStream a = Armor.encoder(buf)) {
                a.write(Age.encrypt(Arrays.copyOf(PLAIN, 3000), List.of(IDENTITY.recipient())));
            }
            ARMORED = buf.toByteArray();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Provide
    Arbitrary<Stanza> stanzas() {
        Arbitrary<String> arg = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
        Arbitrary<List<String>> args = arg.list().ofMaxSize(4);
        Arbitrary<byte[]> body = Arbitraries.integers().between(0, 200).map(n -> bytes(n, n * 31L + 1))
                .edgeCases(c -> c.add(new byte[0], new byte[48], new byte[96]));
        return Combinators.combine(arg, args, body).as(Stanza::new);
    }

    @Provide
    Arbitrary<List<Stanza>> stanzaLists() {
        return stanzas().list().ofMaxSize(5);
    }

    @Property(tries = 200)
    void headerRoundTrips(@ForAll("stanzaLists") List<Stanza> stanzas, @ForAll long macSeed) throws IOException {
        Header h = new Header(stanzas, bytes(32, macSeed));
        byte[] encoded = h.encode();
        byte[] payload = {1, 2, 3};
        HeaderParser.Result r = HeaderParser.parse(new ByteArrayInputStream(concat(encoded, payload)));
        assertArrayEquals(encoded, r.header().encode());
        assertEquals(stanzas.size(), r.header().stanzas().size());
        for (int i = 0; i < stanzas.size(); i++) {
            assertEquals(stanzas.get(i).type(), r.header().stanzas().get(i).type());
            assertEquals(stanzas.get(i).args(), r.header().stanzas().get(i).args());
            assertArrayEquals(stanzas.get(i).body(), r.header().stanzas().get(i).body());
        }
        assertArrayEquals(payload, r.payload().readAllBytes());
    }

    @Property(tries = 200)
    void armorRoundTrips(@ForAll @IntRange(max = 5000) int size, @ForAll boolean crlf) throws IOException {
        byte[] data = bytes(size, size);
        var buf = new ByteArrayOutputStream();
        try (OutputStream w = Armor.encoder(buf)) {
            w.write(data);
        }
        String text = buf.toString(StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) assertTrue(line.length() <= 64, "armor lines fit 64 columns");
        if (crlf) text = text.replace("\n", "\r\n");
        byte[] back = Armor.decoder(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).readAllBytes();
        assertArrayEquals(data, back);
        assertTrue(Armor.isArmored(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Provide
    Arbitrary<Integer> payloadSizes() {
        return Arbitraries.integers().between(0, 300_000).edgeCases(c -> c.add(0, 1, 65535, 65536, 65537, 131072, 131073));
    }

    @Property(tries = 40)
    void streamRoundTrips(@ForAll("payloadSizes") int size, @ForAll boolean armored) throws IOException {
        byte[] plain = bytes(size, size + 1);
        var buf = new ByteArrayOutputStream();
        try (OutputStream raw = armored ? Armor.encoder(buf) : buf; OutputStream w = Age.encrypt(raw, List.of(IDENTITY.recipient()))) {
            w.write(plain);
        }
        int chunks = Math.max(1, (size + 65535) / 65536);
        if (!armored) {
            byte[] file = buf.toByteArray();
            int header = file.length - 16 - size - 16 * chunks;
            assertTrue(header > 0, "payload is nonce + chunks of plaintext and a 16-byte tag each");
        }
        try (InputStream in = Age.decrypt(Armor.detect(new ByteArrayInputStream(buf.toByteArray())), List.of(IDENTITY))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    enum Kind { FLIP, TRUNCATE, INSERT, DELETE }

    record Mutation(Kind kind, double where, int bit, byte value) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 7), Arbitraries.bytes())
                .as(Mutation::new);
    }

    @Property(tries = 300)
    void mutatedBinaryFilesFailTyped(@ForAll("mutations") Mutation m, @ForAll boolean inHeader) {
        int headerEnd = indexOf(FILE, "---".getBytes(StandardCharsets.US_ASCII)) + 48;
        int at = inHeader ? (int) (m.where() * headerEnd) : headerEnd + (int) (m.where() * (FILE.length - headerEnd));
        checkMutated(mutate(FILE, m, at), PLAIN, false);
    }

    @Property(tries = 200)
    void mutatedArmoredFilesFailTyped(@ForAll("mutations") Mutation m) {
        checkMutated(mutate(ARMORED, m, (int) (m.where() * ARMORED.length)), Arrays.copyOf(PLAIN, 3000), true);
    }

    private static byte[] mutate(byte[] file, Mutation m, int at) {
        at = Math.min(at, file.length - 1);
        return switch (m.kind()) {
            case FLIP -> {
                byte[] b = file.clone();
                b[at] ^= (byte) (1 << m.bit());
                yield b;
            }
            case TRUNCATE -> Arrays.copyOf(file, at);
            case INSERT -> concat(concat(Arrays.copyOf(file, at), new byte[] {m.value()}), Arrays.copyOfRange(file, at, file.length));
            case DELETE -> concat(Arrays.copyOf(file, at), Arrays.copyOfRange(file, at + 1, file.length));
        };
    }

    /** A mutated file may only decrypt to the original plaintext; what it releases is a prefix of it. */
    private static void checkMutated(byte[] file, byte[] plain, boolean armored) {
        var released = new ByteArrayOutputStream();
        try {
            InputStream in = new ByteArrayInputStream(file);
            if (armored) in = Armor.decoder(in);
            try (InputStream p = Age.decrypt(in, List.of(IDENTITY))) {
                byte[] buf = new byte[10_000];
                int n;
                while ((n = p.read(buf)) >= 0) released.write(buf, 0, n);
            }
            assertArrayEquals(plain, released.toByteArray(), "a mutated file decrypted to a different plaintext");
        } catch (AgeException e) {
            byte[] got = released.toByteArray();
            assertArrayEquals(Arrays.copyOf(plain, got.length), got, "released plaintext is not a prefix of the original");
        } catch (Exception e) {
            throw new AssertionError("untyped exception escaped: " + e, e);
        }
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int j = 0; j < needle.length; j++) if (b[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
