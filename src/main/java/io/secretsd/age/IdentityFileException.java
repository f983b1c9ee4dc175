package io.secretsd.age;

import java.io.IOException;

/**
 * An identity file could not be used: a bad line (named by number, never quoted, since it may be a
 * secret key), no keys, a wrong passphrase, or content that is not an age identity file.
 */
public final class IdentityFileException extends IOException {
    private final String fileName;
    private final int line;

    public IdentityFileException(String fileName, int line, String message, Throwable cause) {
        super(fileName + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.fileName = fileName;
        this.line = line;
    }

    public IdentityFileException(String fileName, int line, String message) {
        this(fileName, line, message, null);
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line number, or 0 when the error is about the whole file. */
    public int line() {
        return line;
    }
}
