package io.secretsd.ssh;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** An OpenSSH public key of a supported type, as found in authorized_keys, known_hosts and .pub files. */
public sealed interface SshPublicKey permits SshPublicKey.Ed25519, SshPublicKey.Rsa {

    String ED25519 = "ssh-ed25519";
    String RSA = "ssh-rsa";

    /** The SSH key type name, e.g. {@code ssh-ed25519}. */
    String type();

    /** The SSH wire encoding (RFC 4253 §6.6), the base64 part of an authorized_keys line. */
    byte[] wireBlob();

    /** The authorized_keys form without comment: {@code type base64}. */
    default String authorizedKey() {
        return type() + " " + Base64.getEncoder().encodeToString(wireBlob());
    }

    /** The fingerprint {@code ssh-keygen -l} prints: {@code SHA256:} and unpadded base64. */
    default String fingerprint() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(wireBlob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ssh-ed25519 key: the 32-byte encoded Edwards point, checked to be on the curve. */
    record Ed25519(byte[] point) implements SshPublicKey {
        public Ed25519 {
            if (!Ed25519Points.isValid(point)) throw new IllegalArgumentException("not a valid Ed25519 point");
            point = point.clone();
        }

        @Override
        public byte[] point() {
            return point.clone();
        }

        @Override
        public String type() {
            return ED25519;
        }

        @Override
        public byte[] wireBlob() {
            return new SshWireWriter().string(ED25519).string(point).toByteArray();
        }

        /** The X25519 public key (Montgomery u) of this Ed25519 key, as age and ssh-to-age compute it. */
        public byte[] montgomeryU() {
            return Ed25519Points.montgomeryU(point);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ed25519 other && Arrays.equals(point, other.point);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(point);
        }

        @Override
        public String toString() {
            return authorizedKey();
        }
    }

    /** An ssh-rsa key. */
    record Rsa(BigInteger e, BigInteger n) implements SshPublicKey {
        public Rsa {
            if (e.signum() <= 0 || n.signum() <= 0) throw new IllegalArgumentException("RSA e and n must be positive");
        }

        @Override
        public String type() {
            return RSA;
        }

        @Override
        public byte[] wireBlob() {
            return new SshWireWriter().string(RSA).mpint(e).mpint(n).toByteArray();
        }

        public int bits() {
            return n.bitLength();
        }

        @Override
        public String toString() {
            return authorizedKey();
        }
    }

    /** Parses one authorized_keys line: {@code [options] type base64 [comment]}. */
    static SshPublicKey parse(String authorizedKeysLine) throws SshKeyException {
        return KeyLines.authorizedKey(authorizedKeysLine);
    }

    /** Parses one known_hosts line ({@code [@marker] hosts type base64 [comment]}), as ssh-keyscan prints. */
    static SshPublicKey parseKnownHosts(String knownHostsLine) throws SshKeyException {
        return KeyLines.knownHost(knownHostsLine);
    }

    /** Parses an SSH wire blob; trailing bytes are an error. */
    static SshPublicKey fromWireBlob(byte[] blob) throws SshKeyException {
        return KeyLines.wireBlob(blob, "public key blob");
    }
}
