package io.secretsd.ssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.BCrypt;

/** The openssh-key-v1 private key format (OpenSSH PROTOCOL.key, sshkey.c sshkey_parse_private2). */
final class OpenSshKeyV1 {
    private OpenSshKeyV1() {}

    static final String LABEL = "OPENSSH PRIVATE KEY";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final String WHERE = "openssh-key-v1";

    /** ssh-keygen's default is 16; far larger values would let a hostile file stall us for hours. */
    static final long MAX_BCRYPT_ROUNDS = 1 << 16;

    static SshPrivateKey parse(byte[] blob, byte[] passphrase) throws SshKeyException {
        var r = new SshWireReader(blob, WHERE);
        if (!Arrays.equals(r.bytes(MAGIC.length, "magic"), MAGIC)) {
            throw r.malformed("magic", "does not start with \"openssh-key-v1\\0\"");
        }
        String cipherName = r.text("cipher name");
        String kdfName = r.text("kdf name");
        byte[] kdfOptions = r.string("kdf options");
        long count = r.uint32("key count");
        if (count != 1) throw r.malformed("key count", "is " + count + "; a file must hold exactly one key");
        SshPublicKey publicKey = KeyLines.wireBlob(r.string("public key"), WHERE + " public key");
        byte[] section = r.string("private section");
        OpenSshCipher cipher = OpenSshCipher.named(cipherName);
        byte[] tag = r.bytes(cipher.tagLength, "authentication tag");
        r.expectEnd("file");
        if (section.length % cipher.blockSize != 0) {
            throw r.malformed("private section", "length " + section.length + " is not a multiple of the "
                    + cipher.sshName + " block size " + cipher.blockSize);
        }

        byte[] plain;
        boolean encrypted = cipher != OpenSshCipher.NONE;
        if (!encrypted) {
            if (!kdfName.equals("none")) throw r.malformed("kdf name", SshWireReader.printable(kdfName) + " with cipher none");
            if (kdfOptions.length != 0) throw r.malformed("kdf options", "must be empty without encryption");
            plain = section;
        } else {
            if (kdfName.equals("none")) throw r.malformed("kdf name", "none with cipher " + cipher.sshName);
            if (!kdfName.equals("bcrypt")) {
                throw new UnsupportedEncryptionException("unsupported private key kdf " + SshWireReader.printable(kdfName));
            }
            if (passphrase == null || passphrase.length == 0) {
                throw new PassphraseRequiredException("the " + publicKey.type() + " private key is encrypted ("
                        + cipher.sshName + "); a passphrase is required", publicKey);
            }
            plain = decrypt(cipher, kdfOptions, passphrase, section, tag);
        }
        try {
            return privateSection(plain, encrypted, cipher, publicKey);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] decrypt(OpenSshCipher cipher, byte[] kdfOptions, byte[] passphrase, byte[] section,
                                  byte[] tag) throws SshKeyException {
        var k = new SshWireReader(kdfOptions, WHERE + " bcrypt kdf options");
        byte[] salt = k.string("salt");
        long rounds = k.uint32("rounds");
        k.expectEnd("options");
        if (salt.length == 0) throw k.malformed("salt", "is empty");
        if (rounds == 0) throw k.malformed("rounds", "is zero");
        if (rounds > MAX_BCRYPT_ROUNDS) {
            throw new UnsupportedEncryptionException("bcrypt kdf with " + rounds + " rounds exceeds the limit of "
                    + MAX_BCRYPT_ROUNDS);
        }
        byte[] keyAndIv = BCrypt.pbkdfGenerate(passphrase, salt, (int) rounds, cipher.keyLength + cipher.ivLength);
        try {
            byte[] plain = cipher.decrypt(keyAndIv, section, tag);
            if (plain == null) {
                throw new WrongPassphraseException("wrong passphrase for the private key (" + cipher.sshName
                        + " authentication tag does not verify)");
            }
            return plain;
        } catch (GeneralSecurityException e) {
            throw new UnsupportedEncryptionException("cipher " + cipher.sshName + " is not available: " + e.getMessage());
        } finally {
            Arrays.fill(keyAndIv, (byte) 0);
        }
    }

    private static SshPrivateKey privateSection(byte[] plain, boolean encrypted, OpenSshCipher cipher,
                                                SshPublicKey publicKey) throws SshKeyException {
        var p = new SshWireReader(plain, WHERE + " private section");
        long check1 = p.uint32("checkint 1");
        long check2 = p.uint32("checkint 2");
        if (check1 != check2) {
            if (encrypted) throw new WrongPassphraseException("wrong passphrase for the private key (check values differ)");
            throw p.malformed("checkint", "the two check values differ");
        }
        String type = p.text("key type");
        if (!type.equals(publicKey.type())) {
            throw p.malformed("key type", SshWireReader.printable(type) + " does not match the public key's " + publicKey.type());
        }
        return switch (publicKey) {
            case SshPublicKey.Ed25519 pub -> ed25519(p, pub, cipher);
            case SshPublicKey.Rsa pub -> rsa(p, pub, cipher);
        };
    }

    private static SshPrivateKey ed25519(SshWireReader p, SshPublicKey.Ed25519 pub, OpenSshCipher cipher)
            throws SshKeyException {
        byte[] point = p.string("Ed25519 public key");
        byte[] priv = p.string("Ed25519 private key");
        byte[] seed = null;
        try {
            if (!Arrays.equals(point, pub.point())) throw p.malformed("Ed25519 public key", "differs from the file's public key");
            if (priv.length != 64) throw p.malformed("Ed25519 private key", "is " + priv.length + " bytes, not 64");
            if (!MessageDigest.isEqual(Arrays.copyOfRange(priv, 32, 64), point)) {
                throw p.malformed("Ed25519 private key", "does not end with its public key");
            }
            String comment = trailer(p, cipher);
            seed = Arrays.copyOf(priv, 32);
            var key = new SshPrivateKey.Ed25519(seed, comment);
            seed = null;
            if (!key.publicKey().equals(pub)) {
                key.wipe();
                throw p.malformed("Ed25519 private key", "seed does not derive the public key");
            }
            return key;
        } finally {
            Arrays.fill(priv, (byte) 0);
            if (seed != null) Arrays.fill(seed, (byte) 0);
        }
    }

    private static SshPrivateKey rsa(SshWireReader p, SshPublicKey.Rsa pub, OpenSshCipher cipher) throws SshKeyException {
        BigInteger n = p.positiveMpint("RSA modulus n");
        BigInteger e = p.positiveMpint("RSA exponent e");
        BigInteger d = p.positiveMpint("RSA private exponent d");
        BigInteger iqmp = p.positiveMpint("RSA iqmp");
        BigInteger prime1 = p.positiveMpint("RSA prime p");
        BigInteger prime2 = p.positiveMpint("RSA prime q");
        if (!n.equals(pub.n()) || !e.equals(pub.e())) throw p.malformed("RSA public part", "differs from the file's public key");
        String comment = trailer(p, cipher);
        var key = SshPrivateKey.Rsa.of(n, e, d, prime1, prime2, comment, WHERE + " private section");
        if (!iqmp.multiply(prime2).mod(prime1).equals(BigInteger.ONE)) {
            key.wipe();
            throw p.malformed("RSA iqmp", "is not q⁻¹ mod p");
        }
        return key;
    }

    /** The comment, then padding 1, 2, 3, … up to the cipher's block size. */
    private static String trailer(SshWireReader p, OpenSshCipher cipher) throws MalformedKeyException {
        String comment = p.text("comment");
        byte[] padding = p.rest();
        if (padding.length >= cipher.blockSize) throw p.malformed("padding", padding.length + " bytes, a block or more");
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] != (byte) (i + 1)) throw p.malformed("padding", "is not 1, 2, 3, …");
        }
        return comment;
    }
}
