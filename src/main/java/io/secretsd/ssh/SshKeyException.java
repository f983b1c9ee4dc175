package io.secretsd.ssh;

import java.io.IOException;

/**
 * Why an OpenSSH key could not be used. One subtype per cause, so that a caller can react (ask for a
 * passphrase, skip an unsupported key) without reading messages. Messages never contain key material.
 */
public sealed class SshKeyException extends IOException
        permits MalformedKeyException, WrongPassphraseException, PassphraseRequiredException,
                UnsupportedKeyTypeException, UnsupportedEncryptionException {
    SshKeyException(String message) {
        super(message);
    }

    SshKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
