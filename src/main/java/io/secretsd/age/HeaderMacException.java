package io.secretsd.age;

/** A stanza unwrapped, but the header MAC does not match */
public final class HeaderMacException extends AgeException {
    public HeaderMacException(String message) {
        super(message);
    }

    public HeaderMacException(String message, Throwable cause) {
        super(message, cause);
    }
}
