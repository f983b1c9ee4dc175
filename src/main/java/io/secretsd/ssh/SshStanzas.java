package io.secretsd.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** What the ssh-ed25519 and ssh-rsa stanzas share (agessh.go): the key tag and age's unpadded base64. */
final class SshStanzas {
    private SshStanzas() {}

    /** sshFingerprint: the first 4 bytes of SHA-256 of the wire blob, unpadded base64 (6 characters). */
    static String tag(SshPublicKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.wireBlob());
            return encode(Arrays.copyOf(h, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** Strict unpadded base64 as age's format.DecodeString: null unless re-encoding gives the same text. */
    static byte[] decodeCanonical(String s) {
        if (s.indexOf('=') >= 0) return null;
        try {
            byte[] b = Base64.getDecoder().decode(s);
            return encode(b).equals(s) ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
