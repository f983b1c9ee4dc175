package io.secretsd.age;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives age is built from, each picked for a short-lived process: BouncyCastle's lightweight
 * HMAC-SHA-256 (for HKDF) and ChaCha20-Poly1305 for the small messages of a header (file keys, MACs), whose
 * first JCA use costs ~20 ms of provider loading and policy parsing at every start (the JDK's cipher, with CPU
 * intrinsics, stays for large payloads: see {@code ChunkCipher}); BouncyCastle's constant-time X25519 (the
 * JDK's XDH API needs BigInteger keys).
 */
public final class Primitives {
    private Primitives() {}

    /** Seeded on first use: decrypting needs no randomness, so a decrypt never pays for it. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        Random.INSTANCE.nextBytes(b);
        return b;
    }

    /** HMAC-SHA-256 of the concatenated {@code data}. */
    public static byte[] hmacSha256(byte[] key, byte[]... data) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        for (byte[] d : data) mac.update(d, 0, d.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * HKDF-SHA-256 extract-then-expand (RFC 5869); an empty salt means the default (32 zero bytes).
     * Built on HMAC rather than the JDK 25 KDF API, whose first use costs tens of milliseconds more at
     * start-up (measured cold: about 40 ms), which a short-lived CLI pays on every run.
     */
    public static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
        if (length > 255 * 32) throw new IllegalArgumentException("HKDF output too long");
        byte[] prk = hmacSha256(salt.length > 0 ? salt : new byte[32], ikm);
        byte[] infoBytes = info.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, o = 0; o < length; i++) {
            byte[] previous = t;
            t = hmacSha256(prk, previous, infoBytes, new byte[] {(byte) i});
            wipe(previous);
            int n = Math.min(t.length, length - o);
            System.arraycopy(t, 0, out, o, n);
            o += n;
        }
        wipe(t, prk);
        return out;
    }

    /** X25519(scalar, point). Returns null for an all-zero shared secret (a low-order point). */
    public static byte[] x25519(byte[] scalar, byte[] point) {
        byte[] out = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(scalar, 0, point, 0, out, 0)) return null;
        return out;
    }

    private static final byte[] BASE_POINT = {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /**
     * X25519(scalar, 9). The Montgomery ladder rather than BouncyCastle's fixed-base scalarMultBase: the
     * latter builds precomputed tables on first use (measured cold: about 60 ms more), and a CLI
     * deriving one public key never earns them back.
     */
    public static byte[] x25519Base(byte[] scalar) {
        byte[] out = new byte[X25519.POINT_SIZE];
        X25519.scalarMult(scalar, 0, BASE_POINT, 0, out, 0);
        return out;
    }

    /** ChaCha20-Poly1305 seal with a 12-byte nonce and no AAD. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        ChaCha20Poly1305 c = chacha(true, key, nonce);
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
        return out;
    }

    /** ChaCha20-Poly1305 open; returns null when the tag does not authenticate. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext) {
        if (ciphertext.length < 16) return null;
        ChaCha20Poly1305 c = chacha(false, key, nonce);
        byte[] out = new byte[c.getOutputSize(ciphertext.length)];
        int n = c.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            wipe(out);
            return null;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static ChaCha20Poly1305 chacha(boolean seal, byte[] key, byte[] nonce) {
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        c.init(seal, new ParametersWithIV(new KeyParameter(key), nonce));
        return c;
    }

    /** age wraps every file key under a fresh key with an all-zero nonce (X25519, scrypt, ssh-ed25519). */
    public static byte[] sealZeroNonce(byte[] key, byte[] plaintext) {
        return seal(key, new byte[12], plaintext);
    }

    public static byte[] openZeroNonce(byte[] key, byte[] ciphertext) {
        return open(key, new byte[12], ciphertext);
    }

    public static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) if (a != null) Arrays.fill(a, (byte) 0);
    }
}
