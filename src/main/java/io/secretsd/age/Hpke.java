package io.secretsd.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The single-shot base-mode HPKE of RFC 9180 that age's hybrid stanza uses: KEM MLKEM768-X25519 (0x647a),
 * KDF HKDF-SHA256 (0x0001), AEAD ChaCha20Poly1305 (0x0003), one message with sequence number 0, no AAD.
 */
final class Hpke {
    private Hpke() {}

    private static final byte[] SUITE_ID = {'H', 'P', 'K', 'E', (byte) (XWing.KEM_ID >> 8), (byte) XWing.KEM_ID, 0, 1, 0, 3};
    private static final byte[] VERSION = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);

    /** Returns {key, baseNonce} for a shared secret and info. */
    static byte[][] keySchedule(byte[] sharedSecret, byte[] info) {
        byte[] pskIdHash = labeledExtract(new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(new byte[0], "info_hash", info);
        var context = new ByteArrayOutputStream();
        context.write(0); // mode_base
        context.writeBytes(pskIdHash);
        context.writeBytes(infoHash);
        byte[] ctx = context.toByteArray();
        byte[] secret = labeledExtract(sharedSecret, "secret", new byte[0]);
        // RFC 9180 uses the shared secret as salt and the empty PSK as IKM.
        byte[] key = labeledExpand(secret, "key", ctx, 32);
        byte[] nonce = labeledExpand(secret, "base_nonce", ctx, 12);
        Primitives.wipe(secret);
        return new byte[][] {key, nonce};
    }

    private static byte[] labeledExtract(byte[] salt, String label, byte[] ikm) {
        var in = new ByteArrayOutputStream();
        in.writeBytes(VERSION);
        in.writeBytes(SUITE_ID);
        in.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(ikm);
        return Primitives.hmacSha256(salt.length == 0 ? new byte[32] : salt, in.toByteArray());
    }

    private static byte[] labeledExpand(byte[] prk, String label, byte[] info, int length) {
        var in = new ByteArrayOutputStream();
        in.write(length >> 8);
        in.write(length);
        in.writeBytes(VERSION);
        in.writeBytes(SUITE_ID);
        in.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(info);
        in.write(1); // one HKDF-Expand block suffices for 32 bytes or fewer
        return java.util.Arrays.copyOf(Primitives.hmacSha256(prk, in.toByteArray()), length);
    }
}
