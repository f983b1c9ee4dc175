package io.secretsd.sops;

/** One master key entry could not be opened; the message says why (no matching identity, unsupported type, ...). */
public final class KeyUnwrapException extends SopsException {
    public KeyUnwrapException(String message) {
        super(message);
    }

    public KeyUnwrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
