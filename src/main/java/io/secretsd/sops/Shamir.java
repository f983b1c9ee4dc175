package io.secretsd.sops;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir's secret sharing over GF(2^8) with the AES polynomial ({@code shamir/shamir.go}, from HashiCorp
 * Vault). A share is {@code y[0..n-1] ‖ x}. Combine interpolates at 0 over all the shares it is given and has
 * no integrity check: a wrong share shows up later as a GCM or MAC failure.
 */
public final class Shamir {
    private Shamir() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Splits {@code secret} into {@code parts} shares; share i has x = i + 1, as sops assigns groups. */
    public static byte[][] split(byte[] secret, int parts, int threshold) {
        if (parts < threshold) throw new IllegalArgumentException("parts cannot be less than threshold");
        if (parts > 255) throw new IllegalArgumentException("parts cannot exceed 255");
        if (threshold < 2) throw new IllegalArgumentException("threshold must be at least 2");
        if (secret.length == 0) throw new IllegalArgumentException("cannot split an empty secret");
        byte[][] out = new byte[parts][secret.length + 1];
        for (int i = 0; i < parts; i++) out[i][secret.length] = (byte) (i + 1);
        byte[] coefficients = new byte[threshold];
        for (int idx = 0; idx < secret.length; idx++) {
            coefficients[0] = secret[idx];
            byte[] rnd = new byte[threshold - 1];
            RANDOM.nextBytes(rnd);
            System.arraycopy(rnd, 0, coefficients, 1, rnd.length);
            for (int i = 0; i < parts; i++) out[i][idx] = (byte) evaluate(coefficients, i + 1);
            Arrays.fill(rnd, (byte) 0);
        }
        Arrays.fill(coefficients, (byte) 0);
        return out;
    }

    /** Recombines shares; throws when fewer than two, of unequal length, or with a repeated x. */
    public static byte[] combine(List<byte[]> parts) throws SopsException {
        if (parts.size() < 2) throw new SopsFormatException("less than two parts cannot be used to reconstruct the secret");
        int len = parts.getFirst().length;
        if (len < 2) throw new SopsFormatException("Shamir parts must be at least two bytes");
        int[] xs = new int[parts.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] p = parts.get(i);
            if (p.length != len) throw new SopsFormatException("Shamir parts are of different lengths");
            xs[i] = p[len - 1] & 0xff;
            if (!seen.add(xs[i])) throw new SopsFormatException("duplicate Shamir part detected");
            if (xs[i] == 0) throw new SopsFormatException("Shamir part with x = 0");
        }
        byte[] secret = new byte[len - 1];
        for (int idx = 0; idx < secret.length; idx++) {
            int result = 0;
            for (int i = 0; i < xs.length; i++) {
                int basis = 1;
                for (int j = 0; j < xs.length; j++) {
                    if (i == j) continue;
                    basis = mul(basis, div(xs[j], xs[i] ^ xs[j]));
                }
                result ^= mul(parts.get(i)[idx] & 0xff, basis);
            }
            secret[idx] = (byte) result;
        }
        return secret;
    }

    private static int evaluate(byte[] coefficients, int x) {
        int out = coefficients[coefficients.length - 1] & 0xff;
        for (int i = coefficients.length - 2; i >= 0; i--) out = mul(out, x) ^ (coefficients[i] & 0xff);
        return out;
    }

    /** Carry-less multiply reduced by x^8+x^4+x^3+x+1, without data-dependent branches. */
    static int mul(int a, int b) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            r ^= a & -(b & 1);
            int hi = (a >> 7) & 1;
            a = ((a << 1) ^ (0x1b & -hi)) & 0xff;
            b >>= 1;
        }
        return r;
    }

    static int div(int a, int b) {
        // b^254 is b's inverse in GF(2^8)
        int inv = 1, base = b;
        for (int e = 254; e > 0; e >>= 1) {
            if ((e & 1) != 0) inv = mul(inv, base);
            base = mul(base, base);
        }
        return mul(a, inv);
    }
}
