package io.secretsd.manifest;

import java.io.IOException;

/** A manifest that cannot be used: unreadable, not JSON/YAML, or not valid against the schema. */
public abstract sealed class ManifestException extends IOException
        permits ManifestSyntaxException, InvalidManifestException {
    private final String source;

    ManifestException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The file (or label) the manifest was read from. */
    public String source() {
        return source;
    }
}
