package io.secretsd.age;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives age is built from, each picked for speed: the JDK's ChaCha20-Poly1305 (CPU intrinsics)
 * and HMAC (for HKDF), BouncyCastle's constant-time X25519 (the JDK's XDH API needs BigInteger keys).
 */
public final class Primitives {
    private Primitives() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * HKDF-SHA-256 extract-then-expand (RFC 5869); an empty salt means the default (32 zero bytes).
     * Built on HMAC rather than the JDK 25 KDF API, whose first use costs tens of milliseconds more at
     * start-up (measured cold: about 40 ms), which a short-lived CLI pays on every run.
     */
    public static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
        if (length > 255 * 32) throw new IllegalArgumentException("HKDF output too long");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length > 0 ? salt : new byte[32], "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] infoBytes = info.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, o = 0; o < length; i++) {
                mac.update(t);
                mac.update(infoBytes);
                mac.update((byte) i);
                wipe(t);
                t = mac.doFinal();
                int n = Math.min(t.length, length - o);
                System.arraycopy(t, 0, out, o, n);
                o += n;
            }
            wipe(t, prk);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
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
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
    }

    /** ChaCha20-Poly1305 open; returns null when the tag does not authenticate. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext) {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
    }

    /** age wraps every file key under a fresh key with an all-zero nonce (X25519, scrypt, ssh-ed25519). */
    public static byte[] sealZeroNonce(byte[] key, byte[] plaintext) {
        return seal(key, new byte[12], plaintext);
    }

    public static byte[] openZeroNonce(byte[] key, byte[] ciphertext) {
        return open(key, new byte[12], ciphertext);
    }

    public static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return c;
    }

    public static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) if (a != null) Arrays.fill(a, (byte) 0);
    }
}
