package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The MAC over a tree's values: SHA-512 of the plain concatenation of every hashed leaf's canonical bytes,
 * as 128 uppercase hex digits; stored encrypted with the re-formatted {@code lastmodified} as AAD. BouncyCastle's
 * digests, as for the values: no JCA provider is loaded by a decryption.
 */
final class Mac {
    private final SHA512Digest sha512 = new SHA512Digest();

    Mac(boolean macOnlyEncrypted) {
        if (macOnlyEncrypted) {
            // sha256("sops"): a MAC over only the encrypted values never equals one over all values.
            SHA256Digest sha256 = new SHA256Digest();
            byte[] sops = "sops".getBytes(StandardCharsets.US_ASCII);
            sha256.update(sops, 0, sops.length);
            byte[] h = new byte[32];
            sha256.doFinal(h, 0);
            add(h);
        }
    }

    void add(byte[] canonical) {
        sha512.update(canonical, 0, canonical.length);
    }

    String hex() {
        byte[] h = new byte[64];
        sha512.doFinal(h, 0);
        return HexFormat.of().withUpperCase().formatHex(h);
    }

    /** The AAD the MAC is encrypted with: {@code lastmodified} parsed and re-formatted to RFC 3339 seconds. */
    static String aad(String lastModified, String file) throws SopsFormatException {
        var t = GoTime.parse(lastModified);
        if (t == null) throw new SopsFormatException(file + ": sops.lastmodified is not an RFC 3339 time");
        return GoTime.formatSeconds(t);
    }
}
