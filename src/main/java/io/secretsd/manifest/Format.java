package io.secretsd.manifest;

import java.util.Optional;

/** The sops store format of a secret's file, as the manifest's {@code format} names it. */
public enum Format {
    YAML("yaml"), JSON("json"), BINARY("binary"), DOTENV("dotenv"), INI("ini");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    /** The manifest spelling. */
    public String id() {
        return id;
    }

    /**
     * Formats whose secret value is always the whole decrypted file, whatever {@code key} says
     * (sops-install-secrets ignores the key for them).
     */
    public boolean wholeFileOnly() {
        return this == BINARY || this == DOTENV || this == INI;
    }

    public static Optional<Format> of(String id) {
        for (Format f : values()) {
            if (f.id.equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
