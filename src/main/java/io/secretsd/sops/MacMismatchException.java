package io.secretsd.sops;

/** The MAC stored in the file does not match the decrypted values: the file was altered or the wrong key was used. */
public final class MacMismatchException extends SopsException {
    public MacMismatchException(String message) {
        super(message);
    }

    public MacMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
