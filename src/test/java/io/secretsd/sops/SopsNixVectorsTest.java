package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sops-nix vectors, opened with the real age binary as the age implementation. */
class SopsNixVectorsTest {
    @TempDir
    Path tmp;

    private DataKeySource ageKeys() {
        return AgeCli.source(Vectors.sopsNix("age-keys.txt"));
    }

    @Test
    void yamlDecryptsWithAgeKey() throws Exception {
        byte[] out = Sops.decrypt("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, Format.YAML, ageKeys(), false);
        assertEquals("test_key: test_value\na_list:\n    - e1\n    - e3\nnested:\n    test:\n        file: another value\n",
                new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void yamlDecryptsWithConvertedSshKey() throws Exception {
        Path id = tmp.resolve("converted.txt");
        Files.writeString(id, "AGE-SECRET-KEY-1DR8T3T22862F5SWX0V7M7CG9Q5T9FA90CCN9NVLJRCQATZ3WGA3QEPUFJN\n");
        byte[] v = Sops.extractKey("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, "nested/test/file", AgeCli.source(id), false);
        assertEquals("another value", new String(v, StandardCharsets.UTF_8));
    }

    @Test
    void pgpOnlyFilesSayPgpIsNotSupported() {
        for (String f : List.of("secrets.json", "secrets.bin", "secrets.env", "secrets.ini")) {
            DataKeyException e = assertThrows(DataKeyException.class,
                    () -> Sops.decrypt(f, Vectors.read(f), Format.fromFileName(f), Format.fromFileName(f), ageKeys(), false), f);
            assertTrue(e.getMessage().contains("PGP is not supported yet"), e.getMessage());
            assertTrue(e.getMessage().contains("7FB89715AADA920D65D25E63F9BA9DEBD03F57C0"), e.getMessage());
        }
    }

    @Test
    void pgpOnlyFilesLoadWithTheirStructure() throws Exception {
        Sops.SopsFile ini = Sops.load("secrets.ini", Vectors.read("secrets.ini"), Format.INI);
        Mapping welcome = (Mapping) ini.document().branches().getFirst().get("Welcome!");
        assertEquals(List.of("hello", "example_key", "never_gonna"), welcome.fields().stream().map(Mapping.Field::key).toList());
        assertTrue(welcome.items().getFirst() instanceof Comment c && c.text().startsWith("ENC["));
        assertEquals(2, ini.metadata().keyGroups().getFirst().keys().size());
        Sops.SopsFile env = Sops.load("secrets.env", Vectors.read("secrets.env"), Format.DOTENV);
        assertEquals(List.of("hello", "example_key", "example_multiline", "never_gonna"),
                env.document().branches().getFirst().fields().stream().map(Mapping.Field::key).toList());
        assertEquals("3.7.3", env.metadata().version());
        Sops.SopsFile json = Sops.load("secrets.json", Vectors.read("secrets.json"), Format.JSON);
        assertEquals(new MasterKey.PgpKey("7FB89715AADA920D65D25E63F9BA9DEBD03F57C0", "2020-07-03T08:21:00Z",
                ((MasterKey.PgpKey) json.metadata().keyGroups().getFirst().keys().getFirst()).enc()), json.metadata().keyGroups().getFirst().keys().getFirst());
        Sops.SopsFile bin = Sops.load("secrets.bin", Vectors.read("secrets.bin"), Format.BINARY);
        assertTrue(bin.document().branches().getFirst().get("data") instanceof Scalar);
    }
}
