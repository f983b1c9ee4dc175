package io.secretsd.age;

/** The header is malformed, or a stanza addressed to one of our identities is. */
public non-sealed class HeaderException extends AgeException {
    public HeaderException(String message) {
        super(message);
    }

    public HeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
