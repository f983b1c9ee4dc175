package io.secretsd.age;

/** The ASCII armor is malformed. */
public final class ArmorException extends AgeException {
    public ArmorException(String message) {
        super(message);
    }

    public ArmorException(String message, Throwable cause) {
        super(message, cause);
    }
}
