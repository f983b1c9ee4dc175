package io.secretsd.age;

/** The header parsed, but none of the identities could unwrap any stanza. */
public final class NoIdentityMatchException extends AgeException {
    public NoIdentityMatchException(String message) {
        super(message);
    }

    public NoIdentityMatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
