package io.secretsd.pgp;

import java.io.IOException;

/**
 * Why an OpenPGP data key could not be decrypted or encrypted. One subtype per cause, so a caller can
 * react (try the next key, ask for a passphrase) without reading messages. Messages name files and
 * fingerprints, never key material or plaintext.
 */
public abstract sealed class PgpException extends IOException
        permits MalformedPgpException, PgpKeyNotFoundException, PgpPassphraseException,
                PgpIntegrityException, PgpUnsupportedException, GpgException {
    PgpException(String message) {
        super(message);
    }

    PgpException(String message, Throwable cause) {
        super(message, cause);
    }
}
