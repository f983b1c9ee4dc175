package io.secretsd.manifest;

import java.util.Optional;

/**
 * sops-install-secrets' {@code -check-mode}: {@code manifest} validates the manifest alone, {@code sopsfile}
 * also parses every sops file and checks that each key exists (without decrypting), {@code off} installs.
 */
public enum CheckMode {
    MANIFEST("manifest"), SOPSFILE("sopsfile"), OFF("off");

    private final String id;

    CheckMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<CheckMode> of(String id) {
        for (CheckMode m : values()) {
            if (m.id.equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
