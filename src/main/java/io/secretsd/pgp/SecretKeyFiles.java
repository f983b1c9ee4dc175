package io.secretsd.pgp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * OpenPGP secret key files ({@code gpg --export-secret-keys}, armored or binary): every transferable
 * secret key in them, with the secret parts of encryption-capable keys unlocked at once, so that a wrong
 * passphrase is reported when the file is loaded, naming it.
 */
final class SecretKeyFiles {
    private SecretKeyFiles() {
    }

    static List<SecretCert> read(byte[] data, char[] passphrase, String source) throws PgpException {
        List<SecretCert> certs = new ArrayList<>();
        int publicOnly = 0;
        for (byte[] block : PgpInput.dearmor(data, source)) {
            var factory = new PGPObjectFactory(block, new BcKeyFingerprintCalculator());
            while (true) {
                Object o = PgpInput.guard(source + ": reading key packets", factory::nextObject);
                if (o == null) break;
                switch (o) {
                    case PGPSecretKeyRing ring -> certs.add(PgpInput.guard(source, () -> unlock(ring, passphrase, source)));
                    case PGPPublicKeyRing ignored -> publicOnly++;
                    case PGPMarker ignored -> { }
                    default -> throw new MalformedPgpException(source + ": expected an OpenPGP secret key, found "
                            + o.getClass().getSimpleName().replaceFirst("^PGP", ""));
                }
            }
        }
        if (certs.isEmpty()) {
            throw new MalformedPgpException(source + ": no secret key in the file"
                    + (publicOnly > 0 ? " (only " + publicOnly + " public key(s))" : ""));
        }
        return certs;
    }

    private static SecretCert unlock(PGPSecretKeyRing ring, char[] passphrase, String source) throws PgpException {
        String fingerprint = Fingerprints.of(ring.getPublicKey());
        List<SecretCert.DecryptionKey> keys = new ArrayList<>();
        for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
            PGPSecretKey secret = it.next();
            PGPPublicKey pub = secret.getPublicKey();
            // Stubs (gpg's --export-secret-subkeys, smartcards) carry no secret; signing-only
            // algorithms cannot decrypt: neither needs unlocking.
            if (secret.isPrivateKeyEmpty() || !pub.isEncryptionKey()) continue;
            String keyFp = Fingerprints.of(pub);
            String what = source + ": secret key " + keyFp + (keyFp.equals(fingerprint) ? "" : " (subkey of " + fingerprint + ")");
            boolean protectedKey = secret.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
            if (protectedKey && (passphrase == null || passphrase.length == 0)) {
                throw new PgpPassphraseException(what + " is protected by a passphrase and none was given");
            }
            PGPPrivateKey privateKey = PgpInput.guard(what, () -> extract(secret, protectedKey ? passphrase : null, what));
            if (privateKey != null) keys.add(new SecretCert.DecryptionKey(pub, privateKey));
        }
        return SecretCert.of(ring.toCertificate(), keys, source);
    }

    private static PGPPrivateKey extract(PGPSecretKey secret, char[] passphrase, String what) throws PgpException {
        PBESecretKeyDecryptor decryptor = passphrase == null ? null
                : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase);
        try {
            return secret.extractPrivateKey(decryptor);
        } catch (PGPException e) {
            if (passphrase != null) {
                // A wrong passphrase shows as a failed checksum or a garbled key; either way it is the
                // passphrase or the file, and the passphrase is the likelier.
                throw new PgpPassphraseException(what + ": wrong passphrase (" + PgpInput.describe(e) + ")", e);
            }
            throw new MalformedPgpException(what + ": " + PgpInput.describe(e), e);
        }
    }
}
