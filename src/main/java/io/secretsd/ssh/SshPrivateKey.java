package io.secretsd.ssh;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * An OpenSSH private key of a supported type. The private material is held in byte arrays that
 * {@link #wipe()} (or {@link #close()}) overwrites; it never appears in {@code toString()}.
 */
public sealed interface SshPrivateKey extends AutoCloseable, Destroyable permits SshPrivateKey.Ed25519, SshPrivateKey.Rsa {

    SshPublicKey publicKey();

    /** The comment stored in an openssh-key-v1 file (usually user@host); empty for PEM and PKCS#8 keys. */
    String comment();

    /** Overwrites the private material; the key is unusable afterwards. */
    void wipe();

    @Override
    default void close() {
        wipe();
    }

    @Override
    default void destroy() {
        wipe();
    }

    /**
     * Parses a private key file: {@code OPENSSH PRIVATE KEY} (openssh-key-v1, plain or encrypted),
     * {@code RSA PRIVATE KEY} (PKCS#1, plain or legacy-encrypted), or {@code PRIVATE KEY} (PKCS#8, RSA or
     * Ed25519). {@code passphrase} may be null; the caller keeps and wipes it.
     */
    static SshPrivateKey parse(byte[] file, byte[] passphrase) throws SshKeyException {
        return PrivateKeyFiles.parse(file, passphrase);
    }

    static SshPrivateKey parse(byte[] file) throws SshKeyException {
        return parse(file, null);
    }

    /** An Ed25519 key: the 32-byte seed of RFC 8032, and its public point. */
    final class Ed25519 implements SshPrivateKey {
        private final byte[] seed;
        private final SshPublicKey.Ed25519 publicKey;
        private final String comment;
        private boolean wiped;

        /** Takes ownership of {@code seed} (this key wipes it). The public key is derived and checked. */
        Ed25519(byte[] seed, String comment) {
            if (seed.length != 32) throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
            this.seed = seed;
            byte[] point = new byte[32];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, point, 0);
            this.publicKey = new SshPublicKey.Ed25519(point);
            this.comment = comment;
        }

        @Override
        public SshPublicKey.Ed25519 publicKey() {
            return publicKey;
        }

        @Override
        public String comment() {
            return comment;
        }

        /** A copy of the seed; the caller wipes it. */
        public byte[] seed() {
            check();
            return seed.clone();
        }

        /** SHA-512(seed)[:32], unclamped: the X25519 scalar age and ssh-to-age use. The caller wipes it. */
        public byte[] x25519Scalar() {
            check();
            try {
                byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
                byte[] s = Arrays.copyOf(h, 32);
                Arrays.fill(h, (byte) 0);
                return s;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void wipe() {
            Arrays.fill(seed, (byte) 0);
            wiped = true;
        }

        @Override
        public boolean isDestroyed() {
            return wiped;
        }

        private void check() {
            if (wiped) throw new IllegalStateException("the private key has been wiped");
        }

        @Override
        public String toString() {
            return "SshPrivateKey.Ed25519[" + publicKey.fingerprint() + "]";
        }
    }

    /** An RSA key with its CRT parameters. */
    final class Rsa implements SshPrivateKey {
        private final SshPublicKey.Rsa publicKey;
        private final byte[] d;
        private final byte[] p;
        private final byte[] q;
        private final String comment;
        private boolean wiped;

        /** Checks that the parameters belong together (p·q = n, e·d ≡ 1 mod p−1 and q−1). */
        static Rsa of(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, String comment,
                      String where) throws MalformedKeyException {
            var r = new SshWireReader(new byte[0], where);
            KeyLines.checkExponent(e, r);
            if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
                throw r.malformed("RSA primes", "p·q does not equal the modulus n");
            }
            BigInteger ed = e.multiply(d);
            if (!ed.mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                    || !ed.mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE)) {
                throw r.malformed("RSA private exponent d", "does not invert e");
            }
            return new Rsa(new SshPublicKey.Rsa(e, n), d.toByteArray(), p.toByteArray(), q.toByteArray(), comment);
        }

        private Rsa(SshPublicKey.Rsa publicKey, byte[] d, byte[] p, byte[] q, String comment) {
            this.publicKey = publicKey;
            this.d = d;
            this.p = p;
            this.q = q;
            this.comment = comment;
        }

        @Override
        public SshPublicKey.Rsa publicKey() {
            return publicKey;
        }

        @Override
        public String comment() {
            return comment;
        }

        /**
         * The key as a JCA spec, for RSA operations. Its BigIntegers cannot be wiped: build it, use it,
         * drop it (the JDK's RSA keys are BigInteger-based, so this is as far as wiping can reach).
         */
        public RSAPrivateCrtKeySpec toKeySpec() {
            if (wiped) throw new IllegalStateException("the private key has been wiped");
            BigInteger bd = new BigInteger(d), bp = new BigInteger(p), bq = new BigInteger(q);
            return new RSAPrivateCrtKeySpec(publicKey.n(), publicKey.e(), bd, bp, bq,
                    bd.mod(bp.subtract(BigInteger.ONE)), bd.mod(bq.subtract(BigInteger.ONE)), bq.modInverse(bp));
        }

        @Override
        public void wipe() {
            Arrays.fill(d, (byte) 0);
            Arrays.fill(p, (byte) 0);
            Arrays.fill(q, (byte) 0);
            wiped = true;
        }

        @Override
        public boolean isDestroyed() {
            return wiped;
        }

        @Override
        public String toString() {
            return "SshPrivateKey.Rsa[" + publicKey.bits() + " bits, " + publicKey.fingerprint() + "]";
        }
    }
}
