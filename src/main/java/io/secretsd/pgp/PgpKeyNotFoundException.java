package io.secretsd.pgp;

/**
 * No usable key: the wanted fingerprint is not among the keys offered, the message is not encrypted to
 * it, or a public key could not be found. The message names what was wanted and what was offered.
 */
public final class PgpKeyNotFoundException extends PgpException {
    PgpKeyNotFoundException(String message) {
        super(message);
    }
}
