package io.secretsd.sops.config;

import java.io.IOException;

/** A {@code .sops.yaml} that cannot be used: the message names the file and the field. */
public final class ConfigException extends IOException {
    public ConfigException(String message) {
        super(message);
    }
}
