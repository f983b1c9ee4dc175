package io.secretsd.age;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives age is built from, each picked for speed: the JDK's ChaCha20-Poly1305 (CPU intrinsics)
 * and HKDF (JEP 510), BouncyCastle's constant-time X25519 (the JDK's XDH API needs BigInteger keys).
 */
public final class Primitives {
    private Primitives() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** HKDF-SHA-256 extract-then-expand; an empty salt means the RFC 5869 default. */
    public static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
        try {
            var builder = HKDFParameterSpec.ofExtract().addIKM(ikm);
            if (salt.length > 0) builder.addSalt(salt);
            return KDF.getInstance("HKDF-SHA256").deriveData(builder.thenExpand(info.getBytes(java.nio.charset.StandardCharsets.US_ASCII), length));
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("HKDF-SHA256 unavailable", e);
        }
    }

    /** X25519(scalar, point). Returns null for an all-zero shared secret (a low-order point). */
    public static byte[] x25519(byte[] scalar, byte[] point) {
        byte[] out = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(scalar, 0, point, 0, out, 0)) return null;
        return out;
    }

    public static byte[] x25519Base(byte[] scalar) {
        byte[] out = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(scalar, 0, out, 0);
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
