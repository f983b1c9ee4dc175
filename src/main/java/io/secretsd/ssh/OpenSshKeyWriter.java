package io.secretsd.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes a new, unencrypted Ed25519 key in the openssh-key-v1 format (OpenSSH PROTOCOL.key, sshkey.c
 * sshkey_private_to_blob2 with cipher "none"), as {@code ssh-keygen -t ed25519 -N ''} does. Used to make
 * a throwaway host key (the demo); real hosts keep the key ssh-keygen made.
 */
public final class OpenSshKeyWriter {
    private OpenSshKeyWriter() {}

    /** A generated key: the private key file (the caller wipes it) and its public key. */
    public record Generated(byte[] privateKeyFile, SshPublicKey.Ed25519 publicKey) {
        @Override
        public String toString() {
            return "OpenSshKeyWriter.Generated[" + publicKey.type() + "]";
        }
    }

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The block size of cipher "none"; the private section is padded to it with 1, 2, 3, ... */
    private static final int BLOCK = 8;
    private static final int LINE = 70;

    public static Generated generateEd25519(String comment) {
        byte[] seed = io.secretsd.age.Primitives.random(32);
        try {
            return new Generated(ed25519(seed, comment), ed25519PublicKey(seed));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The key file for an Ed25519 {@code seed} (RFC 8032 private key), with {@code comment}. */
    public static byte[] ed25519(byte[] seed, String comment) {
        if (seed.length != 32) throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        SshPublicKey.Ed25519 pub = ed25519PublicKey(seed);
        byte[] point = pub.point();
        byte[] privateAndPublic = new byte[64];
        System.arraycopy(seed, 0, privateAndPublic, 0, 32);
        System.arraycopy(point, 0, privateAndPublic, 32, 32);
        byte[] check = io.secretsd.age.Primitives.random(4);
        SshWireWriter section = new SshWireWriter();
        // The two equal check integers let a reader tell a wrong passphrase from a corrupt file.
        section.uint32(u32(check)).uint32(u32(check))
                .string(pub.type()).string(point).string(privateAndPublic).string(comment == null ? "" : comment);
        byte[] unpadded = section.toByteArray();
        Arrays.fill(privateAndPublic, (byte) 0);
        int pad = (BLOCK - unpadded.length % BLOCK) % BLOCK;
        byte[] padded = Arrays.copyOf(unpadded, unpadded.length + pad);
        Arrays.fill(unpadded, (byte) 0);
        for (int i = 0; i < pad; i++) padded[unpadded.length + i] = (byte) (i + 1);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(MAGIC);
        byte[] rest = new SshWireWriter().string("none").string("none").string(new byte[0]).uint32(1)
                .string(pub.wireBlob()).string(padded).toByteArray();
        Arrays.fill(padded, (byte) 0);
        file.writeBytes(rest);
        Arrays.fill(rest, (byte) 0);
        byte[] binary = file.toByteArray();
        byte[] b64 = Base64.getEncoder().encode(binary);
        Arrays.fill(binary, (byte) 0);
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        pem.writeBytes(("-----BEGIN " + OpenSshKeyV1.LABEL + "-----\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < b64.length; i += LINE) {
            pem.write(b64, i, Math.min(LINE, b64.length - i));
            pem.write('\n');
        }
        Arrays.fill(b64, (byte) 0);
        pem.writeBytes(("-----END " + OpenSshKeyV1.LABEL + "-----\n").getBytes(StandardCharsets.US_ASCII));
        return pem.toByteArray();
    }

    private static SshPublicKey.Ed25519 ed25519PublicKey(byte[] seed) {
        byte[] point = new byte[32];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, point, 0);
        return new SshPublicKey.Ed25519(point);
    }

    private static long u32(byte[] b) {
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }
}
