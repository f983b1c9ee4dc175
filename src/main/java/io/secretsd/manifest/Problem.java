package io.secretsd.manifest;

/** One thing wrong with a manifest, at a JSON path such as {@code secrets[3].mode}. */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
