package io.secretsd.age;

/** The payload is truncated, has trailing data, or a chunk failed to authenticate. */
public final class PayloadException extends AgeException {
    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
