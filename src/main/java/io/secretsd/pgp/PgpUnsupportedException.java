package io.secretsd.pgp;

/** Well-formed input this implementation does not handle (e.g. a non-RSA SSH key for ssh-to-pgp). */
public final class PgpUnsupportedException extends PgpException {
    PgpUnsupportedException(String message) {
        super(message);
    }

    PgpUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
