package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs the 143 C2SP CCTV age vectors the way FiloSottile/age's testkit_test.go does. */
class CctvTest {

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        return CctvVector.all().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CctvVector v = CctvVector.read(p);
            for (ReadMode mode : ReadMode.values()) check(v, mode);
        }));
    }

    @TestFactory
    Stream<DynamicTest> roundTrips() throws IOException {
        return CctvVector.all().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> roundTrip(CctvVector.read(p))));
    }

    /** The outcome of decrypting a vector: one of the six expectations, and the plaintext released. */
    record Outcome(String kind, byte[] released, Exception error) {}

    /** How the plaintext is read: small odd reads (copy path), whole-chunk reads (direct path), transferTo. */
    enum ReadMode { SMALL, LARGE, TRANSFER }

    static Outcome decrypt(CctvVector v) {
        return decrypt(v, ReadMode.SMALL);
    }

    static Outcome decrypt(CctvVector v, ReadMode mode) {
        var released = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(v.file());
        if (v.armored()) in = Armor.decoder(in);
        InputStream plain;
        try {
            plain = Age.decrypt(in, v.identities());
        } catch (Exception e) {
            return new Outcome(classifyHeader(e), released.toByteArray(), e);
        }
        byte[] buf = new byte[mode == ReadMode.SMALL ? 7919 : 200_000]; // 7919: chunk and read boundaries differ
        try {
            if (mode == ReadMode.TRANSFER) {
                plain.transferTo(released);
            } else {
                int n;
                while ((n = plain.read(buf)) >= 0) released.write(buf, 0, n);
            }
        } catch (Exception e) {
            String kind = e instanceof ArmorException ? "armor failure" : e instanceof PayloadException ? "payload failure" : "unexpected " + e;
            return new Outcome(kind, released.toByteArray(), e);
        }
        return new Outcome("success", released.toByteArray(), null);
    }

    private static String classifyHeader(Exception e) {
        return switch (e) {
            case HeaderMacException m -> "HMAC failure";
            case ArmorException a -> "armor failure";
            case NoIdentityMatchException n -> "no match";
            case HeaderException h -> "header failure";
            default -> "unexpected " + e;
        };
    }

    private static void check(CctvVector v, ReadMode mode) throws Exception {
        Outcome o = decrypt(v, mode);
        if (!o.kind().equals(v.expect())) {
            var e = new AssertionError(v.name() + " (" + mode + "): expected " + v.expect() + ", got " + o.kind() + (o.error() == null ? "" : ": " + o.error().getMessage()));
            if (o.error() != null) e.initCause(o.error());
            throw e;
        }
        if (v.payloadHash() != null) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(o.released());
            assertArrayEquals(v.payloadHash(), hash, v.name() + " (" + mode + "): SHA-256 of the released plaintext (" + o.released().length + " bytes)");
        } else if (v.expect().equals("success")) {
            fail(v.name() + ": success vector without payload hash");
        }
    }

    /** testVectorRoundTrip of the reference: armor re-encodes, header re-marshals, STREAM re-encrypts identically. */
    private static void roundTrip(CctvVector v) throws Exception {
        if (v.armored()) {
            if (v.expect().equals("armor failure")) return;
            byte[] payload = Armor.decoder(new ByteArrayInputStream(v.file())).readAllBytes();
            var buf = new ByteArrayOutputStream();
            try (OutputStream w = Armor.encoder(buf)) {
                w.write(payload);
            }
            String expect = new String(v.file(), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n").strip() + "\n";
            assertEquals(expect, buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1), v.name() + ": armor re-encoding");
            return;
        }
        if (v.expect().equals("header failure")) return;
        HeaderParser.Result parsed = HeaderParser.parse(new ByteArrayInputStream(v.file()));
        byte[] payload = parsed.payload().readAllBytes();
        var buf = new ByteArrayOutputStream();
        parsed.header().writeTo(buf);
        buf.writeBytes(payload);
        assertArrayEquals(v.file(), buf.toByteArray(), v.name() + ": header re-marshal + payload");
        if (v.expect().equals("success")) {
            assertNotNull(v.fileKey());
            byte[] nonce = java.util.Arrays.copyOf(payload, 16);
            byte[] body = java.util.Arrays.copyOfRange(payload, 16, payload.length);
            byte[] key = Primitives.hkdf(v.fileKey(), nonce, "payload", 32);
            byte[] plaintext = new StreamReader(key, new ByteArrayInputStream(body)).readAllBytes();
            var enc = new ByteArrayOutputStream();
            try (var w = new StreamWriter(key, enc)) {
                w.write(plaintext);
            }
            assertArrayEquals(body, enc.toByteArray(), v.name() + ": STREAM re-encryption");
        }
    }
}
