package io.secretsd.activation;

/**
 * A {@link SecretSource} could not produce a value. The message names the file and key and never contains
 * secret material.
 */
public final class SourceException extends Exception {
    /** Why; lets callers (and tests) tell a missing key from a file nobody can decrypt. */
    public enum Reason {
        /** The sops file cannot be read. */
        UNREADABLE,
        /** The sops file is not a well-formed file of its format, or its metadata is broken. */
        MALFORMED,
        /** None of the keyring's identities opens the data key. */
        NO_MATCHING_KEY,
        /** Decryption failed: MAC mismatch, bad tag, corrupt value. */
        INTEGRITY,
        /** The key path does not exist in the file. */
        KEY_NOT_FOUND,
        /** The key path leads through or to something that is not a map or not a string. */
        WRONG_TYPE,
        /** Anything else (an I/O error of a helper process, an unsupported feature). */
        OTHER
    }

    private final Reason reason;

    public SourceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
