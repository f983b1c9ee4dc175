package io.secretsd.activation;

import io.secretsd.manifest.Format;
import java.nio.file.Path;
import java.util.List;

/**
 * Where plaintext comes from. Activation calls {@link #decrypt} once per distinct sops file (from several
 * threads at once, for different files), and {@link #missingKeys} for {@code --check-mode=sopsfile}.
 * Implemented by the sops adapter; tests use fakes.
 */
public interface SecretSource {
    DecryptedFile decrypt(Path sopsFile, Format format) throws SourceException;

    /**
     * Parses {@code sopsFile} without decrypting it and returns one message for each of {@code keys} that it
     * does not contain (sops-install-secrets' {@code sopsfile} check). Throws when the file itself is unreadable
     * or malformed.
     */
    List<String> missingKeys(Path sopsFile, Format format, List<String> keys) throws SourceException;
}
