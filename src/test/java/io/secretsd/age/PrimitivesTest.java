package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

class PrimitivesTest {
    @Test
    void hkdfRfc5869Case3() {
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        assertArrayEquals(HexFormat.of().parseHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
                Primitives.hkdf(ikm, new byte[0], "", 42));
    }

    @Test
    void hkdfMatchesTheJdkKdf() throws Exception {
        var random = new Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] ikm = new byte[random.nextInt(1, 64)];
            byte[] salt = new byte[random.nextInt(0, 40)];
            random.nextBytes(ikm);
            random.nextBytes(salt);
            String info = "age-encryption.org/v1/" + i;
            int len = random.nextInt(1, 100);
            var b = HKDFParameterSpec.ofExtract().addIKM(ikm);
            if (salt.length > 0) b.addSalt(salt);
            byte[] want = KDF.getInstance("HKDF-SHA256").deriveData(b.thenExpand(info.getBytes(StandardCharsets.US_ASCII), len));
            assertArrayEquals(want, Primitives.hkdf(ikm, salt, info, len));
        }
    }

    @Test
    void x25519BaseMatchesFixedBaseMultiplication() {
        var random = new Random(2);
        for (int i = 0; i < 20; i++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            byte[] want = new byte[32];
            X25519.scalarMultBase(k, 0, want, 0);
            assertArrayEquals(want, Primitives.x25519Base(k));
        }
    }
}
