package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PGP-only sops-nix vectors, opened through {@link PgpKeySource} with the gpg binary standing in for the
 * OpenPGP package: checks the JSON, binary, dotenv and INI paths (comments, AAD, MAC) against real sops files.
 */
class PgpVectorsTest {
    private static Path home;

    @BeforeAll
    static void importKey() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/gpg"))) fail("gpg is needed (apt-get install -y gnupg)");
        home = Files.createTempDirectory("sopsgpg");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        gpg(Files.readAllBytes(Vectors.sopsNix("key.asc")), "--import");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (home == null) return;
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor(10, TimeUnit.SECONDS);
        try (var w = Files.walk(home)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static byte[] gpg(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--quiet", "--yes"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try (var os = p.getOutputStream()) {
            os.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("gpg failed: " + err.strip());
        return out;
    }

    private static final PgpKeySource GPG = key -> {
        try {
            return gpg(key.enc().getBytes(StandardCharsets.US_ASCII), "--decrypt");
        } catch (IOException | InterruptedException e) {
            throw new KeyUnwrapException("gpg: " + e.getMessage());
        }
    };

    private static String decrypt(String name) throws SopsException {
        Format f = Format.fromFileName(name);
        return new String(Sops.decrypt(name, Vectors.read(name), f, f, new KeySources(null, GPG), false), StandardCharsets.UTF_8);
    }

    @Test
    void json() throws Exception {
        assertEquals("{\n\t\"test_key\": \"test_value\"\n}\n", decrypt("secrets.json"));
    }

    @Test
    void binary() throws Exception {
        assertEquals("binary_value\n", decrypt("secrets.bin"));
    }

    @Test
    void dotenv() throws Exception {
        assertEquals("# This is an example file.\nhello=Welcome to SOPS! Edit this file as you please!\nexample_key=example_value\n"
                + "example_multiline=foo\\nbar\\nbaz\nnever_gonna=give you up\n", decrypt("secrets.env"));
        byte[] v = Sops.extractKey("secrets.env", Vectors.read("secrets.env"), Format.DOTENV, "ignored", new KeySources(null, GPG), false);
        assertEquals(decrypt("secrets.env"), new String(v, StandardCharsets.UTF_8));
    }

    @Test
    void ini() throws Exception {
        assertEquals("; This is an example file.\n[Welcome!]\nhello       = Welcome to SOPS! Edit this file as you please!\n"
                + "example_key = example_value\nnever_gonna = give you up\n", decrypt("secrets.ini"));
    }

    @Test
    void yamlWithPgpAlone() throws Exception {
        assertEquals("test_key: test_value\na_list:\n    - e1\n    - e3\nnested:\n    test:\n        file: another value\n", decrypt("secrets.yaml"));
    }
}
