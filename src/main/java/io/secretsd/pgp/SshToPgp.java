package io.secretsd.pgp;

import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.bcpg.RSASecretBCPGKey;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * An RSA SSH host key as the OpenPGP key sops-nix makes of it (sshkeys/convert.go): a v4 RSA primary key
 * created at Unix time 0, so that the fingerprint depends on the key alone, with the user ID
 * {@code root (Imported from SSH) <root@localhost>} bound by a SHA-256 positive certification (also
 * dated 0) whose flags allow signing, certifying and both kinds of encryption.
 */
final class SshToPgp {
    static final String USER_ID = "root (Imported from SSH) <root@localhost>";
    private static final Date EPOCH = new Date(0);

    private SshToPgp() {
    }

    static SecretCert convert(RSAPrivateCrtKeySpec rsa, String source) throws PgpException {
        return PgpInput.guard(source + ": converting the RSA SSH key to OpenPGP", () -> {
            var packet = new PublicKeyPacket(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, EPOCH,
                    new RSAPublicBCPGKey(rsa.getModulus(), rsa.getPublicExponent()));
            var bare = new PGPPublicKey(packet, new BcKeyFingerprintCalculator());
            var privateKey = new PGPPrivateKey(bare.getKeyID(), packet,
                    new RSASecretBCPGKey(rsa.getPrivateExponent(), rsa.getPrimeP(), rsa.getPrimeQ()));

            var hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, EPOCH);
            hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA
                    | KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            hashed.setPrimaryUserID(false, true);
            hashed.setIssuerFingerprint(false, bare);
            var unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, bare.getKeyID());
            var signer = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), bare);
            signer.init(PGPSignature.POSITIVE_CERTIFICATION, privateKey);
            signer.setHashedSubpackets(hashed.generate());
            signer.setUnhashedSubpackets(unhashed.generate());
            PGPSignature certification = signer.generateCertification(USER_ID, bare);
            PGPPublicKey certified = PGPPublicKey.addCertification(bare, USER_ID, certification);

            var certificate = new PGPPublicKeyRing(java.util.List.of(certified));
            return SecretCert.of(certificate, java.util.List.of(new SecretCert.DecryptionKey(certified, privateKey)),
                    source);
        });
    }
}
