package io.secretsd.ssh;

import io.secretsd.age.Base64Raw;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

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
        return Base64Raw.encode(b);
    }

    /** Strict unpadded base64 as age's format.DecodeString, or null. */
    static byte[] decodeCanonical(String s) {
        return Base64Raw.decode(s);
    }
}
