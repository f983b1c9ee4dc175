package io.secretsd.manifest;

/** The manifest could not be read or is not well-formed JSON/YAML. */
public final class ManifestSyntaxException extends ManifestException {
    public ManifestSyntaxException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
