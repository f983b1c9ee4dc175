package io.secretsd.pgp;

/** A protected secret key for which no passphrase, or a wrong one, was given. */
public final class PgpPassphraseException extends PgpException {
    PgpPassphraseException(String message) {
        super(message);
    }

    PgpPassphraseException(String message, Throwable cause) {
        super(message, cause);
    }
}
