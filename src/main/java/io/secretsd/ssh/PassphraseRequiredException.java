package io.secretsd.ssh;

import java.util.Optional;

/**
 * The key is encrypted and no passphrase was given. OpenSSH files keep the public key in clear, so it
 * is offered here: a caller can match it against a stanza before asking anyone for the passphrase.
 */
public final class PassphraseRequiredException extends SshKeyException {
    private final transient SshPublicKey publicKey;

    public PassphraseRequiredException(String message, SshPublicKey publicKey) {
        super(message);
        this.publicKey = publicKey;
    }

    /** The public half, when the file format stores it unencrypted (openssh-key-v1 does, PEM does not). */
    public Optional<SshPublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }
}
