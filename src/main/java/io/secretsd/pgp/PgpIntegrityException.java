package io.secretsd.pgp;

/**
 * The session key was recovered but the encrypted data failed its integrity check (MDC or AEAD tag),
 * or the message carries no integrity protection at all: the message was damaged or tampered with.
 */
public final class PgpIntegrityException extends PgpException {
    PgpIntegrityException(String message) {
        super(message);
    }

    PgpIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
