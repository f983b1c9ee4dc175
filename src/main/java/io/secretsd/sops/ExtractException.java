package io.secretsd.sops;

/** A path given to --key or --extract does not lead to a value of the required kind. */
public final class ExtractException extends SopsException {
    public ExtractException(String message) {
        super(message);
    }

    public ExtractException(String message, Throwable cause) {
        super(message, cause);
    }
}
