package io.secretsd.pgp;

/** A message or key file that is not well-formed OpenPGP (bad armor, truncated or unexpected packets). */
public final class MalformedPgpException extends PgpException {
    MalformedPgpException(String message) {
        super(message);
    }

    MalformedPgpException(String message, Throwable cause) {
        super(message, cause);
    }
}
