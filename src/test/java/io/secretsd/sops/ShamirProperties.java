package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Split then combine recovers the secret from any threshold-sized subset of shares. */
class ShamirProperties {
    @Property(tries = 200)
    void anyThresholdSubsetRecombines(@ForAll @Size(min = 1, max = 40) byte[] secret, @ForAll @IntRange(min = 2, max = 6) int parts,
                                      @ForAll @IntRange(min = 2, max = 6) int threshold, @ForAll long seed) throws Exception {
        if (threshold > parts) return;
        byte[][] shares = Shamir.split(secret, parts, threshold);
        for (int i = 0; i < parts; i++) assertEquals(i + 1, shares[i][secret.length]);
        List<byte[]> pick = new ArrayList<>(Arrays.asList(shares));
        java.util.Collections.shuffle(pick, new java.util.Random(seed));
        assertArrayEquals(secret, Shamir.combine(pick.subList(0, threshold)));
        assertArrayEquals(secret, Shamir.combine(pick));
        if (threshold > 2) assertFalse(Arrays.equals(secret, Shamir.combine(pick.subList(0, threshold - 1))) && secret.length > 8);
    }

}
