package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.activation.DecryptedFile;
import io.secretsd.activation.KeyInputs;
import io.secretsd.activation.KeyReport;
import io.secretsd.activation.Mounter;
import io.secretsd.activation.Options;
import io.secretsd.activation.SecretSource;
import io.secretsd.activation.SecretSourceFactory;
import io.secretsd.activation.SourceException;
import io.secretsd.manifest.Format;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivateCommandTest {
    @TempDir
    Path tmp;
    Path manifest;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Options options;

    /** Every file holds "v" at every key; files named *bad* cannot be decrypted. */
    static final SecretSourceFactory SOURCE = new SecretSourceFactory() {
        @Override
        public SecretSource open(KeyInputs keys, KeyReport report) {
            return new SecretSource() {
                @Override
                public DecryptedFile decrypt(Path f, Format format) throws SourceException {
                    if (f.toString().contains("bad")) {
                        throw new SourceException(SourceException.Reason.NO_MATCHING_KEY, "no matching key");
                    }
                    return new DecryptedFile() {
                        @Override
                        public byte[] value(String key) {
                            return "v".getBytes(StandardCharsets.UTF_8);
                        }

                        @Override
                        public void close() {
                        }
                    };
                }

                @Override
                public List<String> missingKeys(Path f, Format format, List<String> keys) {
                    return keys.stream().filter(k -> k.startsWith("missing")).map(k -> "no key " + k).toList();
                }
            };
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        manifest = tmp.resolve("manifest.json");
        options = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(tmp.resolve("nixos"));
        write("a", "/s.yaml");
    }

    void write(String key, String file) throws Exception {
        Files.writeString(manifest, ("{\"secrets\":[{\"name\":\"x\",\"key\":\"" + key + "\",\"sopsFile\":\"" + file
                + "\"}],\"secretsMountPoint\":\"T/secrets.d\",\"symlinkPath\":\"T/secrets\"}")
                .replace("T", tmp.toString()));
    }

    int activate(String... args) {
        return ActivateCommand.main(SOURCE, options, new PrintStream(out, true), new PrintStream(err, true), args);
    }

    int check(String... args) {
        return CheckCommand.main(SOURCE, options, new PrintStream(out, true), new PrintStream(err, true), args);
    }

    @Test
    void installs() throws Exception {
        assertEquals(0, activate(manifest.toString()), err.toString());
        assertEquals("v", Files.readString(tmp.resolve("secrets/x")));
        assertEquals(0, activate("-ignore-passwd", "-check-mode=off", manifest.toString()), err.toString());
        assertEquals(tmp.resolve("secrets.d/2"), Files.readSymbolicLink(tmp.resolve("secrets")));
    }

    @Test
    void dryRun() throws Exception {
        assertEquals(0, activate("--dry-run", manifest.toString()), err.toString());
        assertTrue(Files.notExists(tmp.resolve("secrets")));
    }

    @Test
    void failureIsOne() throws Exception {
        write("a", "/bad.yaml");
        assertEquals(1, activate(manifest.toString()));
        assertTrue(err.toString().contains("secretsd: /bad.yaml: failed to decrypt: no matching key"),
                err.toString());
    }

    @Test
    void invalidManifestIsOneWithEveryProblem() throws Exception {
        Files.writeString(manifest, "{\"secrets\":[{\"name\":\"x\",\"mode\":\"0999\"}]}");
        assertEquals(1, activate(manifest.toString()));
        assertTrue(err.toString().contains("secrets[0].mode: \"0999\" is not an octal mode"), err.toString());
        assertTrue(err.toString().contains("secrets[0].sopsFile: is required"), err.toString());
    }

    @Test
    void badUsageIsTwo() {
        assertEquals(2, activate());
        assertEquals(2, activate("--check-mode=bogus", manifest.toString()));
        assertEquals(2, activate("--frobnicate", manifest.toString()));
        assertEquals(2, activate("a", "b"));
    }

    @Test
    void checkModes() throws Exception {
        assertEquals(0, activate("--check-mode=manifest", manifest.toString()), err.toString());
        assertEquals(0, activate("--check-mode", "sopsfile", manifest.toString()), err.toString());
        assertTrue(Files.notExists(tmp.resolve("secrets.d")));
        write("missing/key", "/s.yaml");
        assertEquals(1, activate("-check-mode=sopsfile", manifest.toString()));
        assertTrue(err.toString().contains("no key missing/key"), err.toString());
    }

    @Test
    void secretsctlCheck() throws Exception {
        assertEquals(0, check(manifest.toString()), err.toString());
        assertTrue(out.toString().contains(": ok (1 secret in 1 sops file, 0 templates)"), out.toString());
        write("missing/key", "/s.yaml");
        assertEquals(1, check(manifest.toString()));
        assertTrue(err.toString().contains("no key missing/key"), err.toString());
        assertEquals(2, check());
    }

    @Test
    void secretsctlCheckRefusesAnOversizedManifestBeforeReadingIt() throws Exception {
        java.nio.file.Path huge = tmp.resolve("huge.json");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(io.secretsd.manifest.ManifestReader.MAX_BYTES + 1L); // sparse: nothing is written
        }
        assertEquals(1, check(huge.toString()));
        assertEquals("secretsctl: " + huge + ": the manifest is larger than the 16 MiB a manifest may have\n", err.toString());
    }
}
