package io.secretsd.activation;

import io.secretsd.manifest.Format;
import java.nio.file.Path;
import java.util.List;

/**
 * The source used until the sops adapter is wired in: every decryption fails with a clear reason, so that
 * activation still reports per secret instead of crashing.
 */
public final class Unwired implements SecretSourceFactory, SecretSource {
    @Override
    public SecretSource open(KeyInputs keys, KeyReport report) {
        return this;
    }

    @Override
    public DecryptedFile decrypt(Path sopsFile, Format format) throws SourceException {
        throw new SourceException(SourceException.Reason.OTHER, "sops decryption is not available in this build");
    }

    @Override
    public List<String> missingKeys(Path sopsFile, Format format, List<String> keys) throws SourceException {
        throw new SourceException(SourceException.Reason.OTHER, "sops parsing is not available in this build");
    }
}
