package io.secretsd.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Encrypts a sops data key to one OpenPGP key, as sops does with go-crypto: an armored
 * {@code PGP MESSAGE} holding one PKESK, SEIPD v1 with MDC (v2/AEAD for v6 keys), AES-256, no
 * compression, and binary literal data that is the raw key.
 */
public final class PgpEncryptor {
    private PgpEncryptor() {
    }

    /** Encrypts to the key's current encryption key (the newest valid encryption subkey, else the primary key). */
    public static byte[] encrypt(byte[] dataKey, PgpPublicKey recipient) throws PgpException {
        return encrypt(dataKey, recipient, null);
    }

    /**
     * As {@link #encrypt(byte[], PgpPublicKey)}; when {@code fingerprint} names one of the certificate's
     * subkeys (with or without gpg's trailing {@code !}), that subkey is used.
     */
    public static byte[] encrypt(byte[] dataKey, PgpPublicKey recipient, String fingerprint) throws PgpException {
        String wanted = fingerprint == null ? null : Fingerprints.normalize(fingerprint);
        PGPPublicKey key = PgpInput.guard("choosing the encryption key of " + recipient.fingerprint(),
                () -> encryptionKey(recipient.ring(), wanted));
        try {
            var out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                var data = new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true).setSecureRandom(new SecureRandom());
                if (key.getVersion() >= 6) data.setUseV6AEAD().setWithAEAD(AEADAlgorithmTags.OCB, 6);
                var encrypted = new PGPEncryptedDataGenerator(data);
                encrypted.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(new SecureRandom()));
                try (OutputStream body = encrypted.open(armor, new byte[256]);
                     OutputStream literal = new PGPLiteralDataGenerator().open(body, PGPLiteralData.BINARY, "",
                             dataKey.length, new Date(0))) {
                    literal.write(dataKey);
                }
            }
            return out.toByteArray();
        } catch (IOException | PGPException | RuntimeException e) {
            throw new MalformedPgpException("encrypting to " + Fingerprints.of(key) + ": " + PgpInput.describe(e), e);
        }
    }

    /** The key to encrypt to, chosen as go-crypto's EncryptionKey does. */
    static PGPPublicKey encryptionKey(PGPPublicKeyRing ring, String fingerprint) throws PgpException {
        PGPPublicKey primary = ring.getPublicKey();
        String primaryFp = Fingerprints.of(primary);
        long now = System.currentTimeMillis();
        if (fingerprint != null && !fingerprint.equals(primaryFp)
                && !fingerprint.equals(Fingerprints.keyId(primary.getKeyID()))) {
            for (PGPPublicKey k : iterable(ring.getPublicKeys())) {
                if (Fingerprints.of(k).equals(fingerprint) || Fingerprints.keyId(k.getKeyID()).equals(fingerprint)) {
                    if (!k.isEncryptionKey()) {
                        throw new PgpKeyNotFoundException("subkey " + fingerprint + " of " + primaryFp + " cannot encrypt");
                    }
                    return k;
                }
            }
            throw new PgpKeyNotFoundException("key " + primaryFp + " has no subkey " + fingerprint
                    + "; its keys: " + Fingerprints.list(new PgpPublicKey(ring).keyFingerprints()));
        }
        PGPPublicKey best = null;
        for (PGPPublicKey k : iterable(ring.getPublicKeys())) {
            if (k.isMasterKey() || !usable(k, now) || !boundSubkey(primary, k)) continue;
            if (best == null || !k.getCreationTime().before(best.getCreationTime())) best = k;
        }
        if (best != null) return best;
        if (usable(primary, now) && primaryMayEncrypt(primary)) return primary;
        List<String> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(k -> keys.add(Fingerprints.of(k)));
        throw new PgpKeyNotFoundException("key " + primaryFp + " has no valid encryption key (keys: "
                + Fingerprints.list(keys) + ")");
    }

    private static boolean usable(PGPPublicKey k, long now) {
        if (!k.isEncryptionKey() || k.hasRevocation()) return false;
        long valid = k.getValidSeconds();
        return valid <= 0 || k.getCreationTime().getTime() + valid * 1000 > now;
    }

    /** A subkey counts when a binding signature by the primary key verifies and allows encryption. */
    private static boolean boundSubkey(PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignature sig : iterable(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))) {
            try {
                sig.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (sig.verifyCertification(primary, subkey) && allowsEncryption(sig.getHashedSubPackets())) return true;
            } catch (PGPException | RuntimeException e) {
                // an unverifiable binding does not bind
            }
        }
        return false;
    }

    /** The primary key encrypts when its self-signatures allow it, or when it has none to say otherwise. */
    private static boolean primaryMayEncrypt(PGPPublicKey primary) {
        boolean anyFlags = false;
        for (PGPSignature sig : iterable(primary.getSignatures())) {
            if (sig.getKeyID() == primary.getKeyID()) {
                PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
                if (hashed != null && hashed.getKeyFlags() != 0) {
                    anyFlags = true;
                    if (allowsEncryption(hashed)) return true;
                }
            }
        }
        return !anyFlags;
    }

    private static boolean allowsEncryption(PGPSignatureSubpacketVector hashed) {
        if (hashed == null || hashed.getKeyFlags() == 0) return true;
        return (hashed.getKeyFlags() & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
