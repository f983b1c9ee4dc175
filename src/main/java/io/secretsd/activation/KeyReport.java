package io.secretsd.activation;

import java.nio.file.Path;

/** How a {@link SecretSourceFactory} tells what became of each key input. */
public interface KeyReport {
    /** {@code kind} is "age" or "GPG"; {@code fingerprint} is public (a recipient or a fingerprint). */
    void imported(Path keyFile, String kind, String fingerprint);

    /** The key could not be used; activation goes on with the others and the run fails in the end. */
    void failed(Path keyFile, String cause);
}
