package io.secretsd.age;

/** A stanza of a type this identity handles is malformed (wrong arguments, bad share, low-order point). */
public final class MalformedStanzaException extends HeaderException {
    public MalformedStanzaException(String message) {
        super(message);
    }

    public MalformedStanzaException(String message, Throwable cause) {
        super(message, cause);
    }
}
