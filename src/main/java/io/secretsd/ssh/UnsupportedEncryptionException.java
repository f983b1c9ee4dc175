package io.secretsd.ssh;

/** The key is encrypted with a cipher or key derivation this package does not implement. */
public final class UnsupportedEncryptionException extends SshKeyException {
    public UnsupportedEncryptionException(String message) {
        super(message);
    }
}
