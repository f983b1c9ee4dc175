package io.secretsd.sops;

/** The file is not a well-formed sops or plain document of its store (syntax, metadata, types). */
public final class SopsFormatException extends SopsException {
    public SopsFormatException(String message) {
        super(message);
    }

    public SopsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
