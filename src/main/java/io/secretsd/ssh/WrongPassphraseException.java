package io.secretsd.ssh;

/** The passphrase does not decrypt the key: the check values differ, or the AEAD tag fails. */
public final class WrongPassphraseException extends SshKeyException {
    public WrongPassphraseException(String message) {
        super(message);
    }
}
