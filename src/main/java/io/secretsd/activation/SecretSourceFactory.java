package io.secretsd.activation;

/** Builds the keyring from {@link KeyInputs} and returns a source that decrypts with it. */
public interface SecretSourceFactory {
    /**
     * Loads every key it can, reporting each through {@code report}; a key that cannot be loaded is reported,
     * not thrown, so that secrets other keys can open are still installed.
     */
    SecretSource open(KeyInputs keys, KeyReport report);
}
