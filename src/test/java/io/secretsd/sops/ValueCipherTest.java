package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueCipherTest {
    private static final byte[] KEY = "f".repeat(32).getBytes(StandardCharsets.US_ASCII);
    /** The known answer of sops' aes/cipher_test.go. */
    private static final String KAT = "ENC[AES256_GCM,data:oYyi,iv:MyIDYbT718JRr11QtBkcj3Dwm4k1aCGZBVeZf0EyV8o=,tag:t5z2Z023Up0kxwCgw1gNxg==,type:str]";

    @Test
    void knownAnswer() throws Exception {
        ValueCipher.Opened o = ValueCipher.decrypt(KAT, KEY, "bar:", "t");
        assertEquals("foo", new String(o.plaintext(), StandardCharsets.UTF_8));
        assertEquals(ScalarType.STR, o.type());
        assertEquals(32, o.iv().length);
    }

    @Test
    void wrongAadFails() {
        ValueCryptoException e = assertThrows(ValueCryptoException.class, () -> ValueCipher.decrypt(KAT, KEY, "", "file: bar"));
        assertTrue(e.getMessage().startsWith("file: bar"), e.getMessage());
        assertTrue(!e.getMessage().contains("foo"));
    }

    @Test
    void reusedIvGivesIdenticalCiphertext() throws Exception {
        ValueCipher.Opened o = ValueCipher.decrypt(KAT, KEY, "bar:", "t");
        assertEquals(KAT, ValueCipher.encrypt(o.plaintext(), ScalarType.STR, KEY, "bar:", o.iv()));
    }

    @Test
    void roundTripAndAnyIvLength() throws Exception {
        String e = ValueCipher.encrypt("x".getBytes(StandardCharsets.UTF_8), ScalarType.INT, KEY, "a:b:", new byte[12]);
        ValueCipher.Opened o = ValueCipher.decrypt(e, KEY, "a:b:", "t");
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), o.plaintext());
        assertEquals(ScalarType.INT, o.type());
    }

    @Test
    void malformedValuesAreTyped() {
        for (String bad : new String[] {"ENC[AES256_GCM,data:!!,iv:AA==,tag:AA==,type:str]", "ENC[AES256_GCM,data:oYyi,iv:MyID,tag:t5z2,type:nope]",
                "ENC[AES256_GCM,data:oYyi,iv:,tag:t5z2Z023Up0kxwCgw1gNxg==,type:str]", "plain"}) {
            assertThrows(ValueCryptoException.class, () -> ValueCipher.decrypt(bad, KEY, "bar:", "t"), bad);
        }
    }
}
