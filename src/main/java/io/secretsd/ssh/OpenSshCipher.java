package io.secretsd.ssh;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** The ciphers OpenSSH can encrypt a private key with (cipher.c), with their key, IV, block and tag sizes. */
enum OpenSshCipher {
    NONE("none", 0, 0, 8, 0),
    AES128_CTR("aes128-ctr", 16, 16, 16, 0),
    AES192_CTR("aes192-ctr", 24, 16, 16, 0),
    AES256_CTR("aes256-ctr", 32, 16, 16, 0),
    AES128_CBC("aes128-cbc", 16, 16, 16, 0),
    AES192_CBC("aes192-cbc", 24, 16, 16, 0),
    AES256_CBC("aes256-cbc", 32, 16, 16, 0),
    AES128_GCM("aes128-gcm@openssh.com", 16, 12, 16, 16),
    AES256_GCM("aes256-gcm@openssh.com", 32, 12, 16, 16),
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", 64, 0, 8, 16),
    TRIPLE_DES_CBC("3des-cbc", 24, 8, 8, 0);

    final String sshName;
    final int keyLength;
    final int ivLength;
    final int blockSize;
    final int tagLength;

    OpenSshCipher(String sshName, int keyLength, int ivLength, int blockSize, int tagLength) {
        this.sshName = sshName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.tagLength = tagLength;
    }

    static OpenSshCipher named(String name) throws UnsupportedEncryptionException {
        for (OpenSshCipher c : values()) if (c.sshName.equals(name)) return c;
        throw new UnsupportedEncryptionException("unsupported private key cipher " + SshWireReader.printable(name));
    }

    /**
     * Decrypts the private section with {@code keyAndIv} (the bcrypt-pbkdf output). Returns null when an
     * AEAD tag does not verify, which for a key file means a wrong passphrase (or a damaged file).
     */
    byte[] decrypt(byte[] keyAndIv, byte[] ciphertext, byte[] tag) throws GeneralSecurityException {
        byte[] key = Arrays.copyOfRange(keyAndIv, 0, keyLength);
        byte[] iv = Arrays.copyOfRange(keyAndIv, keyLength, keyLength + ivLength);
        try {
            return switch (this) {
                case NONE -> ciphertext.clone();
                case AES128_CTR, AES192_CTR, AES256_CTR -> aes("AES/CTR/NoPadding", key, new IvParameterSpec(iv), ciphertext);
                case AES128_CBC, AES192_CBC, AES256_CBC -> aes("AES/CBC/NoPadding", key, new IvParameterSpec(iv), ciphertext);
                case AES128_GCM, AES256_GCM -> {
                    byte[] both = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
                    System.arraycopy(tag, 0, both, ciphertext.length, tag.length);
                    try {
                        yield aes("AES/GCM/NoPadding", key, new GCMParameterSpec(128, iv), both);
                    } catch (AEADBadTagException e) {
                        yield null;
                    }
                }
                case CHACHA20_POLY1305 -> chachaPoly(key, ciphertext, tag);
                case TRIPLE_DES_CBC -> {
                    Cipher c = Cipher.getInstance("DESede/CBC/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "DESede"), new IvParameterSpec(iv));
                    yield c.doFinal(ciphertext);
                }
            };
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] aes(String transformation, byte[] key, java.security.spec.AlgorithmParameterSpec params,
                              byte[] input) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(transformation);
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), params);
        return c.doFinal(input);
    }

    /**
     * OpenSSH's chacha20-poly1305 (PROTOCOL.chacha20poly1305) with sequence number 0 and no length
     * field: the first 32 key bytes drive the payload cipher; block 0 of its keystream is the Poly1305
     * key over the ciphertext, and the payload is encrypted from block 1. A zero 96-bit RFC 7539 nonce
     * gives the same keystream as the original 64-bit nonce 0.
     */
    private static byte[] chachaPoly(byte[] key, byte[] ciphertext, byte[] tag) {
        ChaCha7539Engine chacha = new ChaCha7539Engine();
        chacha.init(false, new ParametersWithIV(new KeyParameter(key, 0, 32), new byte[12]));
        byte[] block0 = new byte[64];
        chacha.processBytes(new byte[64], 0, 64, block0, 0);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(block0, 0, 32));
        poly.update(ciphertext, 0, ciphertext.length);
        byte[] expected = new byte[16];
        poly.doFinal(expected, 0);
        Arrays.fill(block0, (byte) 0);
        if (!MessageDigest.isEqual(expected, tag)) return null;
        byte[] plain = new byte[ciphertext.length];
        chacha.processBytes(ciphertext, 0, ciphertext.length, plain, 0);
        return plain;
    }
}
