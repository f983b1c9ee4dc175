package io.secretsd.pgp;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPPublicKey;

/** Fingerprints as sops writes them: upper-case hex, 40 digits (v4) or 64 (v6). */
final class Fingerprints {
    private Fingerprints() {
    }

    static String of(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    static String keyId(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    /**
     * The fingerprint a sops {@code fp} field names: spaces removed (sops does this), a trailing
     * {@code !} (gpg's "this exact subkey") dropped, upper-cased. A 16-digit long key ID, which gpg
     * (and so sops) also accepts, passes too.
     */
    static String normalize(String fingerprint) throws PgpKeyNotFoundException {
        if (fingerprint == null) throw new PgpKeyNotFoundException("no fingerprint given");
        String fp = fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
        if (fp.endsWith("!")) fp = fp.substring(0, fp.length() - 1);
        if (fp.startsWith("0X")) fp = fp.substring(2);
        if ((fp.length() != 16 && fp.length() != 40 && fp.length() != 64) || !fp.chars().allMatch(Fingerprints::isHex)) {
            throw new PgpKeyNotFoundException("not an OpenPGP fingerprint (40 or 64 hex digits) or key ID (16): \""
                    + printable(fingerprint) + "\"");
        }
        return fp;
    }

    /** Whether the fingerprint asks for one exact subkey (gpg's trailing {@code !}). */
    static boolean isExact(String fingerprint) {
        return fingerprint != null && fingerprint.strip().endsWith("!");
    }

    static String list(List<String> fingerprints) {
        return fingerprints.isEmpty() ? "none" : String.join(", ", fingerprints);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    /** Fingerprints are not secret, but a garbled field may be long or hold control characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : Character.toString(c)));
        return s.length() > 80 ? b + "…" : b.toString();
    }
}
