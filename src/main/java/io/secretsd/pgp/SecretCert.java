package io.secretsd.pgp;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * One OpenPGP key (primary key and subkeys) with the unlocked secret parts of its encryption-capable keys.
 *
 * @param fingerprint     the primary key's fingerprint
 * @param keyFingerprints the fingerprints of the primary key and every subkey, any of which a sops
 *                        {@code fp} field may name
 * @param certificate     the public part, for encrypting to this key
 * @param keys            the keys that can decrypt (secret part present and unlocked)
 * @param source          where it came from (a file name), for messages
 */
record SecretCert(String fingerprint, List<String> keyFingerprints, PGPPublicKeyRing certificate,
                  List<DecryptionKey> keys, String source) {

    record DecryptionKey(PGPPublicKey publicKey, PGPPrivateKey privateKey) {
        String fingerprint() {
            return Fingerprints.of(publicKey);
        }

        @Override
        public String toString() {
            return "DecryptionKey[" + fingerprint() + "]";
        }
    }

    static SecretCert of(PGPPublicKeyRing certificate, List<DecryptionKey> keys, String source) {
        List<String> all = new ArrayList<>();
        certificate.getPublicKeys().forEachRemaining(k -> all.add(Fingerprints.of(k)));
        return new SecretCert(Fingerprints.of(certificate.getPublicKey()), List.copyOf(all), certificate,
                List.copyOf(keys), source);
    }

    /** Whether a normalized fingerprint (or 16-digit key ID) names this key or one of its subkeys. */
    boolean answersTo(String normalizedFingerprint) {
        if (normalizedFingerprint.length() != 16) return keyFingerprints.contains(normalizedFingerprint);
        for (var it = certificate.getPublicKeys(); it.hasNext(); ) {
            if (Fingerprints.keyId(it.next().getKeyID()).equals(normalizedFingerprint)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "SecretCert[" + fingerprint + " from " + source + ", " + keys.size() + " decryption key(s)]";
    }
}
