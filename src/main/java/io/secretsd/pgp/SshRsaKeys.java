package io.secretsd.pgp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;

/**
 * Adapter to the RSA parameters of an SSH private key file. Interim: until io.secretsd.ssh lands on
 * main this reads unencrypted openssh-key-v1 and PKCS#1 files with BouncyCastle.
 */
final class SshRsaKeys {
    private SshRsaKeys() {
    }

    static RSAPrivateCrtKeySpec parse(byte[] file, String what) throws PgpException {
        String text = new String(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) throw new MalformedPgpException(what + ": not an SSH private key (no -----BEGIN line)");
        int labelEnd = text.indexOf("-----", begin + 11);
        if (labelEnd < 0) throw new MalformedPgpException(what + ": broken -----BEGIN line");
        String label = text.substring(begin + 11, labelEnd);
        int bodyStart = labelEnd + 5;
        int end = text.indexOf("-----END " + label + "-----", bodyStart);
        if (end < 0) throw new MalformedPgpException(what + ": no -----END " + label + "----- line");
        String body = text.substring(bodyStart, end);
        if (body.contains(":")) throw new PgpUnsupportedException(what + ": encrypted SSH keys are not supported");
        AsymmetricKeyParameter key = PgpInput.guard(what + ": SSH private key", () ->
                OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(Base64.getMimeDecoder().decode(body)));
        if (!(key instanceof RSAPrivateCrtKeyParameters rsa)) {
            throw new PgpUnsupportedException(what + ": only RSA keys are supported right now, got "
                    + (key == null ? "nothing" : key.getClass().getSimpleName()));
        }
        BigInteger n = rsa.getModulus();
        if (n.signum() <= 0 || !rsa.getP().multiply(rsa.getQ()).equals(n)) {
            throw new MalformedPgpException(what + ": RSA primes do not match the modulus");
        }
        return new RSAPrivateCrtKeySpec(n, rsa.getPublicExponent(), rsa.getExponent(), rsa.getP(), rsa.getQ(),
                rsa.getDP(), rsa.getDQ(), rsa.getQInv());
    }
}
