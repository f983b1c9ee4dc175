package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirTest {
    @Test
    void gf256MatchesFips197() {
        assertEquals(0xc1, Shamir.mul(0x57, 0x83));
        assertEquals(0xfe, Shamir.mul(0x57, 0x13));
        for (int a = 1; a < 256; a++) assertEquals(1, Shamir.mul(a, Shamir.div(1, a)));
    }

    @Test
    void badShareSetsAreRejected() {
        byte[][] s = Shamir.split(new byte[] {1, 2, 3}, 3, 2);
        assertThrows(SopsException.class, () -> Shamir.combine(List.of(s[0])));
        assertThrows(SopsException.class, () -> Shamir.combine(List.of(s[0], s[0])));
        assertThrows(SopsException.class, () -> Shamir.combine(List.of(s[0], new byte[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[] {1}, 3, 1));
    }
}
