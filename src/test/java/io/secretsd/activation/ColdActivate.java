package io.secretsd.activation;

import io.secretsd.cli.ActivateCommand;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: one cold {@code secretsd activate} of a generated manifest (see {@link ActivationBench} for the
 * host) with decryption faked: {@code java -cp ... ColdActivate MANIFEST DIR}. Every file f*.yaml holds "v"-values.
 */
public final class ColdActivate {
    public static void main(String[] args) {
        SecretSource source = new SecretSource() {
            @Override
            public java.util.List<String> missingKeys(Path f, io.secretsd.manifest.Format format,
                                                      java.util.List<String> keys) {
                return java.util.List.of();
            }

            @Override
            public DecryptedFile decrypt(Path sopsFile, io.secretsd.manifest.Format format) {
                return new DecryptedFile() {
                    @Override
                    public byte[] value(String key) {
                        return ("value-of-" + key + "-" + "x".repeat(40)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        SecretSourceFactory src = (keys, report) -> source;
        Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(Path.of(args[1]));
        int rc = ActivateCommand.main(src, o, System.out, System.err, args[0]);
        System.exit(rc);
    }
}
