package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MAC over a tree's values: SHA-512 of the plain concatenation of every hashed leaf's canonical bytes,
 * as 128 uppercase hex digits; stored encrypted with the re-formatted {@code lastmodified} as AAD.
 */
final class Mac {
    private final MessageDigest sha512;

    Mac(boolean macOnlyEncrypted) {
        sha512 = digest("SHA-512");
        // sha256("sops"): a MAC over only the encrypted values never equals one over all values.
        if (macOnlyEncrypted) sha512.update(digest("SHA-256").digest("sops".getBytes(StandardCharsets.US_ASCII)));
    }

    void add(byte[] canonical) {
        sha512.update(canonical);
    }

    String hex() {
        return HexFormat.of().withUpperCase().formatHex(sha512.digest());
    }

    /** The AAD the MAC is encrypted with: {@code lastmodified} parsed and re-formatted to RFC 3339 seconds. */
    static String aad(String lastModified, String file) throws SopsFormatException {
        var t = GoTime.parse(lastModified);
        if (t == null) throw new SopsFormatException(file + ": sops.lastmodified is not an RFC 3339 time");
        return GoTime.formatSeconds(t);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " unavailable", e);
        }
    }
}
