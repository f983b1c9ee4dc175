package io.secretsd.ssh;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** PEM private keys: PKCS#1 {@code RSA PRIVATE KEY} (RFC 8017) and PKCS#8 {@code PRIVATE KEY} (RFC 5208/8410). */
final class Pkcs {
    private Pkcs() {}

    static final String RSA_LABEL = "RSA PRIVATE KEY";
    static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112"); // RFC 8410

    static SshPrivateKey rsa(Pem pem, byte[] passphrase) throws SshKeyException {
        String procType = pem.headers().get("Proc-Type");
        if (procType == null) return rsaPkcs1(pem.body(), "PKCS#1 RSA private key");
        if (!procType.equals("4,ENCRYPTED")) throw new MalformedKeyException("PEM Proc-Type", "is not 4,ENCRYPTED");
        byte[] der = LegacyPem.decrypt(pem, passphrase);
        try {
            return rsaPkcs1(der, "PKCS#1 RSA private key");
        } catch (MalformedKeyException e) {
            // CBC padding is only a 1-in-256 check; a wrong passphrase usually shows up as bad DER.
            throw new WrongPassphraseException("wrong passphrase for the private key (decrypted data is not a key)");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    static SshPrivateKey rsaPkcs1(byte[] der, String where) throws SshKeyException {
        RSAPrivateKey k;
        try {
            // BouncyCastle returns null for empty input; bad DER comes as IllegalArgumentException and friends.
            k = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
            if (k == null) throw new IllegalArgumentException("empty");
        } catch (IOException | RuntimeException e) {
            throw new MalformedKeyException(where, "not a valid DER RSAPrivateKey");
        }
        BigInteger n = k.getModulus(), e = k.getPublicExponent(), d = k.getPrivateExponent();
        BigInteger p = k.getPrime1(), q = k.getPrime2();
        if (n.signum() <= 0 || e.signum() <= 0 || d.signum() <= 0 || p.signum() <= 0 || q.signum() <= 0) {
            throw new MalformedKeyException(where, "has a non-positive parameter");
        }
        return SshPrivateKey.Rsa.of(n, e, d, p, q, "", where);
    }

    static SshPrivateKey pkcs8(byte[] der) throws SshKeyException {
        String where = "PKCS#8 private key";
        PrivateKeyInfo info;
        ASN1ObjectIdentifier algorithm;
        byte[] inner;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (info == null) throw new IllegalArgumentException("empty");
            algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
            inner = info.getPrivateKey().getOctets();
        } catch (IOException | RuntimeException e) {
            throw new MalformedKeyException(where, "not a valid DER PrivateKeyInfo");
        }
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return rsaPkcs1(inner, where + " (RSA)");
            }
            if (algorithm.equals(ID_ED25519)) {
                byte[] seed;
                try {
                    var octets = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(inner));
                    if (octets == null) throw new IllegalArgumentException("empty");
                    seed = octets.getOctets();
                } catch (IOException | RuntimeException e) {
                    throw new MalformedKeyException(where + " (Ed25519)", "CurvePrivateKey is not an OCTET STRING");
                }
                if (seed.length != 32) {
                    Arrays.fill(seed, (byte) 0);
                    throw new MalformedKeyException(where + " (Ed25519)", "seed is " + seed.length + " bytes, not 32");
                }
                return new SshPrivateKey.Ed25519(seed, "");
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) throw new UnsupportedKeyTypeException("ecdsa");
            if (algorithm.equals(X9ObjectIdentifiers.id_dsa)) throw new UnsupportedKeyTypeException("ssh-dss");
            throw new UnsupportedKeyTypeException(algorithm.getId(),
                    "unsupported PKCS#8 key algorithm " + algorithm.getId() + " (only RSA and Ed25519 are supported)");
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    /** OpenSSL's traditional PEM encryption (RFC 1421 headers, EVP_BytesToKey with MD5), as ssh-keygen -m PEM writes. */
    static final class LegacyPem {
        private LegacyPem() {}

        static byte[] decrypt(Pem pem, byte[] passphrase) throws SshKeyException {
            String dekInfo = pem.headers().get("DEK-Info");
            if (dekInfo == null) throw new MalformedKeyException("PEM DEK-Info", "missing from an encrypted key");
            int comma = dekInfo.indexOf(',');
            if (comma < 0) throw new MalformedKeyException("PEM DEK-Info", "has no IV");
            String algorithm = dekInfo.substring(0, comma);
            int keyLength = switch (algorithm) {
                case "AES-128-CBC" -> 16;
                case "AES-192-CBC" -> 24;
                case "AES-256-CBC" -> 32;
                default -> throw new UnsupportedEncryptionException("unsupported PEM encryption " + SshWireReader.printable(algorithm));
            };
            byte[] iv;
            try {
                iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw new MalformedKeyException("PEM DEK-Info", "IV is not hex");
            }
            if (iv.length != 16) throw new MalformedKeyException("PEM DEK-Info", "IV is " + iv.length + " bytes, not 16");
            if (passphrase == null || passphrase.length == 0) {
                throw new PassphraseRequiredException("the PEM RSA private key is encrypted (" + algorithm
                        + "); a passphrase is required", null);
            }
            if (pem.body().length == 0 || pem.body().length % 16 != 0) {
                throw new MalformedKeyException("PEM body", "length is not a multiple of the AES block size");
            }
            byte[] key = bytesToKey(passphrase, Arrays.copyOf(iv, 8), keyLength);
            try {
                Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                return c.doFinal(pem.body());
            } catch (javax.crypto.BadPaddingException e) {
                throw new WrongPassphraseException("wrong passphrase for the private key (bad padding)");
            } catch (GeneralSecurityException e) {
                throw new UnsupportedEncryptionException("cipher " + algorithm + " is not available: " + e.getMessage());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }

        /** EVP_BytesToKey(MD5, count 1): D_i = MD5(D_{i-1} || passphrase || salt), concatenated. */
        private static byte[] bytesToKey(byte[] passphrase, byte[] salt, int length) {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                byte[] out = new byte[length];
                byte[] previous = new byte[0];
                for (int filled = 0; filled < length; ) {
                    md5.update(previous);
                    md5.update(passphrase);
                    md5.update(salt);
                    Arrays.fill(previous, (byte) 0);
                    previous = md5.digest();
                    int n = Math.min(previous.length, length - filled);
                    System.arraycopy(previous, 0, out, filled, n);
                    filled += n;
                }
                Arrays.fill(previous, (byte) 0);
                return out;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
