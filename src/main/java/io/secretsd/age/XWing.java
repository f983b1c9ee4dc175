package io.secretsd.age;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * The MLKEM768-X25519 hybrid KEM (X-Wing) of draft-ietf-hpke-pq, as filippo.io/hpke builds it: a 32-byte
 * seed expanded with SHAKE256 into an ML-KEM-768 seed (d || z) and an X25519 scalar; the shared secret is
 * SHA3-256(ss_MLKEM || ss_X25519 || ct_X25519 || pk_X25519 || "\.//^\"). An all-zero X25519 result is an error.
 */
final class XWing {
    private XWing() {}

    static final int KEM_ID = 0x647a;
    static final int SEED_SIZE = 32;
    static final int MLKEM_PUBLIC_KEY_SIZE = 1184;
    static final int MLKEM_CIPHERTEXT_SIZE = 1088;
    static final int PUBLIC_KEY_SIZE = MLKEM_PUBLIC_KEY_SIZE + 32;
    static final int ENC_SIZE = MLKEM_CIPHERTEXT_SIZE + 32;
    private static final byte[] LABEL = "\\.//^\\".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The expanded private key. {@link #wipe()} clears the X25519 scalar and destroys the ML-KEM key. */
    record PrivateKey(MLKEMPrivateKeyParameters mlkem, byte[] x25519, byte[] publicKey) {
        void wipe() {
            Primitives.wipe(x25519);
            mlkem.destroy();
        }
    }

    static PrivateKey expand(byte[] seed) {
        var shake = new SHAKEDigest(256);
        shake.update(seed, 0, seed.length);
        byte[] expanded = new byte[96];
        shake.doFinal(expanded, 0, 96);
        byte[] mlkemSeed = java.util.Arrays.copyOf(expanded, 64);
        byte[] x = java.util.Arrays.copyOfRange(expanded, 64, 96);
        var mlkem = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, mlkemSeed);
        Primitives.wipe(expanded, mlkemSeed);
        byte[] pk = X25519Recipient.concat(mlkem.getPublicKey(), Primitives.x25519Base(x));
        return new PrivateKey(mlkem, x, pk);
    }

    /** Checks the sizes and that the ML-KEM encapsulation key is canonical (every coefficient below q). */
    static boolean isValidPublicKey(byte[] pk) {
        if (pk.length != PUBLIC_KEY_SIZE) return false;
        // 1152 bytes of 12-bit coefficients, then the 32-byte rho.
        for (int i = 0; i < 1152; i += 3) {
            int b0 = pk[i] & 0xff;
            int b1 = pk[i + 1] & 0xff;
            int b2 = pk[i + 2] & 0xff;
            if ((b0 | (b1 & 0x0f) << 8) >= 3329) return false;
            if ((b1 >> 4 | b2 << 4) >= 3329) return false;
        }
        return true;
    }

    /** Returns {shared secret, enc}, or null when the X25519 part of the key is a low-order point. */
    static byte[][] encapsulate(byte[] pk) {
        byte[] pkM = java.util.Arrays.copyOf(pk, MLKEM_PUBLIC_KEY_SIZE);
        byte[] pkX = java.util.Arrays.copyOfRange(pk, MLKEM_PUBLIC_KEY_SIZE, PUBLIC_KEY_SIZE);
        byte[] ephemeral = Primitives.random(32);
        byte[] ctX = Primitives.x25519Base(ephemeral);
        byte[] ssX = Primitives.x25519(ephemeral, pkX);
        Primitives.wipe(ephemeral);
        if (ssX == null) return null;
        SecretWithEncapsulation m = new MLKEMGenerator(RANDOM)
                .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, pkM));
        byte[] ssM = m.getSecret();
        byte[] ss = combine(ssM, ssX, ctX, pkX);
        Primitives.wipe(ssM, ssX);
        return new byte[][] {ss, X25519Recipient.concat(m.getEncapsulation(), ctX)};
    }

    /** The shared secret, or null when the X25519 share gives the all-zero value. enc must be ENC_SIZE. */
    static byte[] decapsulate(PrivateKey key, byte[] enc) {
        byte[] ctM = java.util.Arrays.copyOf(enc, MLKEM_CIPHERTEXT_SIZE);
        byte[] ctX = java.util.Arrays.copyOfRange(enc, MLKEM_CIPHERTEXT_SIZE, ENC_SIZE);
        byte[] ssX = Primitives.x25519(key.x25519(), ctX);
        if (ssX == null) return null;
        byte[] ssM = new MLKEMExtractor(key.mlkem()).extractSecret(ctM);
        byte[] pkX = java.util.Arrays.copyOfRange(key.publicKey(), MLKEM_PUBLIC_KEY_SIZE, PUBLIC_KEY_SIZE);
        byte[] ss = combine(ssM, ssX, ctX, pkX);
        Primitives.wipe(ssM, ssX);
        return ss;
    }

    private static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(ssM);
            sha3.update(ssX);
            sha3.update(ctX);
            sha3.update(pkX);
            sha3.update(LABEL);
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 unavailable", e);
        }
    }
}
