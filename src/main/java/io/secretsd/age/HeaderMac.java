package io.secretsd.age;

import java.security.MessageDigest;

/** The header MAC: HMAC-SHA-256 under HKDF(fileKey, "header") over the header up to {@code ---}. */
final class HeaderMac {
    private HeaderMac() {}

    static byte[] compute(byte[] fileKey, byte[] headerWithoutMac) {
        byte[] key = Primitives.hkdf(fileKey, new byte[0], "header", 32);
        try {
            return Primitives.hmacSha256(key, headerWithoutMac);
        } finally {
            Primitives.wipe(key);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    static boolean verify(byte[] fileKey, Header header) {
        return MessageDigest.isEqual(compute(fileKey, header.encodeWithoutMac()), header.mac());
    }
}
