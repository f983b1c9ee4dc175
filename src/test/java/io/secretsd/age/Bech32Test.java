package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-173 test vectors (those whose data is whole bytes), and age's own rules. */
class Bech32Test {
    @ParameterizedTest
    @ValueSource(strings = {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j", "?1ezyfcl"})
    void validVectorsRoundTrip(String s) throws KeyParseException {
        Bech32.Decoded d = Bech32.decode(s);
        assertEquals(s, Bech32.encode(d.hrp(), d.data()));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1nwldj5", "\u007f1axkwrx", "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3",
            "de1lg7wt\u00ff", "A1G7SGD8", "10a06t8", "1qzzfhee", "a12UEL5L", "A12uel5l"})
    void invalidVectorsAreRejected(String s) {
        assertThrows(KeyParseException.class, () -> Bech32.decode(s));
    }

    @Test
    void abcdefDecodesToItsBytes() throws KeyParseException {
        Bech32.Decoded d = Bech32.decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
        assertEquals("abcdef", d.hrp());
        assertArrayEquals(HexFormat.of().parseHex("00443214c74254b635cf84653a56d7c675be77df"), d.data());
    }

    @Test
    void noLengthLimitForPostQuantumKeys() throws KeyParseException {
        byte[] data = new byte[1216];
        data[5] = 7;
        String s = Bech32.encode("age1pq", data);
        assertEquals(6 + 1 + (1216 * 8 + 4) / 5 + 6, s.length());
        assertArrayEquals(data, Bech32.decode(s).data());
    }

    @Test
    void nonZeroPaddingIsRejected() {
        // 32 bytes = 256 bits = 51 groups and 1 bit of padding; set that bit via the last data character.
        String ok = Bech32.encode("age", new byte[32]);
        String bad = ok.substring(0, ok.length() - 7) + "p" + ok.substring(ok.length() - 6);
        assertThrows(KeyParseException.class, () -> Bech32.decode(bad));
    }
}
