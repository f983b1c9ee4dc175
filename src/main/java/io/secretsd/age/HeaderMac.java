package io.secretsd.age;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The header MAC: HMAC-SHA-256 under HKDF(fileKey, "header") over the header up to {@code ---}. */
final class HeaderMac {
    private HeaderMac() {}

    static byte[] compute(byte[] fileKey, byte[] headerWithoutMac) {
        byte[] key = Primitives.hkdf(fileKey, new byte[0], "header", 32);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(headerWithoutMac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        } finally {
            Primitives.wipe(key);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    static boolean verify(byte[] fileKey, Header header) {
        return MessageDigest.isEqual(compute(fileKey, header.encodeWithoutMac()), header.mac());
    }
}
