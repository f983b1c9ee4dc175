package io.secretsd.activation;

/**
 * One sops file decrypted once in memory; secrets are extracted from it by key, then it is closed, which
 * wipes its plaintext.
 */
public interface DecryptedFile extends AutoCloseable {
    /**
     * The value at {@code key} with sops-nix semantics: {@code key} is split on {@code /}, each step must be a map
     * and the leaf a string; {@code ""} (and every key for binary, dotenv and ini) means the whole file as
     * sops would print it. Returns a fresh array that the caller wipes.
     */
    byte[] value(String key) throws SourceException;

    /** Wipes the plaintext. */
    @Override
    void close();
}
