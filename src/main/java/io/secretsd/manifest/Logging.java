package io.secretsd.manifest;

/** The manifest's {@code logging}: whether to log imported keys and secret changes. */
public record Logging(boolean keyImport, boolean secretChanges) {
    public static final Logging DEFAULT = new Logging(true, true);
}
