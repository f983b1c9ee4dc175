package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]} values ({@code aes/cipher.go}): AES-256-GCM with a 32-byte
 * IV and the value's path as AAD. A new {@link Cipher} per value, because sops reuses IVs on purpose
 * (unchanged values keep their ciphertext) and one JCE instance refuses a repeated IV.
 */
public final class ValueCipher {
    private ValueCipher() {}

    static final int IV_SIZE = 32;
    private static final int TAG_SIZE = 16;
    private static final Pattern ENC = Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
    private static final SecureRandom RANDOM = new SecureRandom();

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
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new Opened(c.doFinal(sealed), type, iv);
        } catch (AEADBadTagException e) {
            throw new ValueCryptoException(where + ": authentication failed (wrong data key, or the value or its key path was altered)");
        } catch (GeneralSecurityException e) {
            throw new ValueCryptoException(where + ": AES-GCM failed: " + e.getMessage());
        }
    }

    /** Encrypts {@code plaintext} with the given IV, or a fresh random 32-byte IV when {@code iv} is null. */
    public static String encrypt(byte[] plaintext, ScalarType type, byte[] key, String aad, byte[] iv) {
        if (iv == null) {
            iv = new byte[IV_SIZE];
            RANDOM.nextBytes(iv);
        }
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            sealed = c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable", e);
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
