package io.secretsd.pgp;

/**
 * The {@code gpg} binary could not be run or reported failure. The message carries gpg's own error
 * text (its stderr, trimmed), as sops passes it on; gpg never writes secrets to stderr.
 */
public final class GpgException extends PgpException {
    private final int exitStatus;

    GpgException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    GpgException(String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = -1;
    }

    /** gpg's exit status, or -1 when it could not be started or was stopped. */
    public int exitStatus() {
        return exitStatus;
    }
}
