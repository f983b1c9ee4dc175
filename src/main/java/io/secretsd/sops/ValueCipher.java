package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]} values ({@code aes/cipher.go}): AES-256-GCM with a 32-byte
 * IV and the value's path as AAD. BouncyCastle's lightweight GCM rather than the JCA, whose first use costs
 * ~20 ms of provider loading and policy parsing in every short-lived command; a new cipher per value, because
 * sops reuses IVs on purpose (unchanged values keep their ciphertext) and a GCM instance refuses a repeated IV.
 */
public final class ValueCipher {
    private ValueCipher() {}

    static final int IV_SIZE = 32;
    private static final int TAG_SIZE = 16;
    private static final Pattern ENC = Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");

    /** Seeded on first use: decrypting needs no randomness. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** A decrypted value: the plaintext bytes (caller wipes), the type tag, and the IV to stash. */
    public record Opened(byte[] plaintext, ScalarType type, byte[] iv) {
        @Override
        public String toString() {
            return "Opened[" + type.tag() + ", " + plaintext.length + " bytes]";
        }
    }

    public static boolean looksEncrypted(String s) {
        return s.startsWith("ENC[AES256_GCM,");
    }

    /**
     * Decrypts one value. {@code where} names the value for messages (file and path, never the value).
     */
    public static Opened decrypt(String value, byte[] key, String aad, String where) throws ValueCryptoException {
        Matcher m = ENC.matcher(value);
        if (!m.find()) throw new ValueCryptoException(where + ": not an ENC[AES256_GCM,...] value");
        byte[] data, iv, tag;
        try {
            Base64.Decoder d = Base64.getDecoder();
            data = d.decode(m.group(1));
            iv = d.decode(m.group(2));
            tag = d.decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new ValueCryptoException(where + ": malformed base64 in ENC value");
        }
        ScalarType type = ScalarType.ofTag(m.group(4));
        if (type == null) throw new ValueCryptoException(where + ": unknown value type '" + printable(m.group(4)) + "'");
        if (tag.length != TAG_SIZE) throw new ValueCryptoException(where + ": the GCM tag is " + tag.length + " bytes, expected 16");
        if (iv.length == 0) throw new ValueCryptoException(where + ": empty IV");
        byte[] sealed = Arrays.copyOf(data, data.length + tag.length);
        System.arraycopy(tag, 0, sealed, data.length, tag.length);
        GCMModeCipher c = gcm(false, key, iv, aad);
        byte[] plain = new byte[c.getOutputSize(sealed.length)];
        try {
            int n = c.processBytes(sealed, 0, sealed.length, plain, 0);
            n += c.doFinal(plain, n);
            return new Opened(n == plain.length ? plain : Arrays.copyOf(plain, n), type, iv);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plain, (byte) 0);
            throw new ValueCryptoException(where + ": authentication failed (wrong data key, or the value or its key path was altered)");
        }
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] iv, String aad) {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, iv, aad.getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    /** Encrypts {@code plaintext} with the given IV, or a fresh random 32-byte IV when {@code iv} is null. */
    public static String encrypt(byte[] plaintext, ScalarType type, byte[] key, String aad, byte[] iv) {
        if (iv == null) {
            iv = new byte[IV_SIZE];
            Random.INSTANCE.nextBytes(iv);
        }
        GCMModeCipher c = gcm(true, key, iv, aad);
        byte[] sealed = new byte[c.getOutputSize(plaintext.length)];
        try {
            int n = c.processBytes(plaintext, 0, plaintext.length, sealed, 0);
            c.doFinal(sealed, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-256-GCM failed", e);
        }
        Base64.Encoder b = Base64.getEncoder();
        int n = sealed.length - TAG_SIZE;
        return "ENC[AES256_GCM,data:" + b.encodeToString(Arrays.copyOfRange(sealed, 0, n))
                + ",iv:" + b.encodeToString(iv)
                + ",tag:" + b.encodeToString(Arrays.copyOfRange(sealed, n, sealed.length))
                + ",type:" + type.tag() + "]";
    }

    private static String printable(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
