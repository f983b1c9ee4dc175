package io.secretsd.cli;

import static io.secretsd.testing.Proc.dist;
import static io.secretsd.testing.Proc.require;
import static io.secretsd.testing.Proc.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `secretsctl decrypt` / `encrypt` as processes, over the sops-nix vectors with every key that opens them. */
class SopsCliIT {
    @TempDir
    static Path dir;

    static String ctl;
    static Path gnupgHome;

    @BeforeAll
    static void setUp() throws IOException {
        ctl = dist("secretsctl");
        require("gpg");
        // gpg wants to write into its home; the vectors stay untouched
        gnupgHome = dir.resolve("gnupghome");
        Files.createDirectories(gnupgHome);
        try (var files = Files.walk(Vectors.sopsNix("gnupghome"))) {
            for (Path p : files.toList()) {
                Path target = gnupgHome.resolve(Vectors.sopsNix("gnupghome").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        Files.setPosixFilePermissions(gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    /** Each way of giving a key, as command-line options; the file lists which of them open it. */
    static List<List<String>> keysFor(String file) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(List.of("--pgp-key", Vectors.sopsNix("key.asc").toString()));
        keys.add(List.of("--gnupg-home", gnupgHome.toString()));
        if (!file.equals("secrets.json") && !file.equals("secrets.bin")) keys.add(List.of("--ssh-key", Vectors.sopsNix("ssh-key").toString()));
        if (file.equals("secrets.yaml")) {
            keys.add(List.of("--age-key-file", Vectors.sopsNix("age-keys.txt").toString()));
            keys.add(List.of("--ssh-key", Vectors.sopsNix("ssh-ed25519-key").toString()));
        }
        return keys;
    }

    static Proc.Result decrypt(List<String> options, String... rest) {
        List<String> cmd = new ArrayList<>(List.of(ctl, "decrypt"));
        cmd.addAll(options);
        cmd.addAll(List.of(rest));
        // an empty environment: no SOPS_AGE_KEY*, no ~/.gnupg, only the keys given
        return Proc.run(null, Map.of("HOME", dir.toString(), "GNUPGHOME", dir.resolve("none").toString()), cmd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets.yaml", "secrets.json", "secrets.bin", "secrets.env", "secrets.ini"})
    void everyKeyThatOpensAVectorGivesTheSamePlaintext(String file) {
        byte[] first = null;
        for (List<String> key : keysFor(file)) {
            Proc.Result r = decrypt(key, Vectors.sopsNix(file).toString());
            assertEquals(0, r.exit(), key + ": " + r);
            if (first == null) first = r.stdout();
            else assertArrayEquals(first, r.stdout(), "output with " + key + " differs");
        }
        String plain = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        // the values listed in the vectors' README
        switch (file) {
            case "secrets.yaml" -> assertTrue(plain.contains("test_key: test_value") && plain.contains("file: another value"), plain);
            case "secrets.json" -> assertTrue(plain.contains("\"test_key\": \"test_value\""), plain);
            case "secrets.bin" -> assertEquals("binary_value\n", plain);
            case "secrets.env" -> assertTrue(plain.contains("example_key=example_value") && plain.contains("never_gonna=give you up"), plain);
            case "secrets.ini" -> assertTrue(plain.contains("[Welcome!]") && plain.contains("example_value"), plain);
            default -> throw new AssertionError(file);
        }
    }

    @Test
    void keyAndExtractSelectOneValue() {
        List<String> age = List.of("--age-key-file", Vectors.sopsNix("age-keys.txt").toString());
        Proc.Result key = decrypt(age, "--key", "nested/test/file", Vectors.sopsNix("secrets.yaml").toString());
        assertEquals(0, key.exit(), key.toString());
        assertEquals("another value", key.out());
        Proc.Result extract = decrypt(age, "--extract", "[\"test_key\"]", Vectors.sopsNix("secrets.yaml").toString());
        assertEquals("test_value", extract.out());
        Proc.Result notString = decrypt(age, "--key", "nested", Vectors.sopsNix("secrets.yaml").toString());
        assertEquals(1, notString.exit());
    }

    @Test
    void noKeyFailsNamingTheFileAndEachKeyTried() {
        Proc.Result r = decrypt(List.of(), Vectors.sopsNix("secrets.yaml").toString());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("secrets.yaml"), r.stderr());
        assertTrue(r.stderr().contains("age1yt3t"), r.stderr());
        assertTrue(r.stderr().contains("7FB89715AADA920D65D25E63F9BA9DEBD03F57C0"), r.stderr());
        assertFalse(r.stderr().contains("test_value"));
    }

    @Test
    void tamperedValueIsAMacOrAuthError() throws IOException {
        String yaml = Files.readString(Vectors.sopsNix("secrets.yaml"));
        int i = yaml.indexOf("data:") + 6;
        char c = yaml.charAt(i);
        Path bad = dir.resolve("tampered.yaml");
        Files.writeString(bad, yaml.substring(0, i) + (c == 'A' ? 'B' : 'A') + yaml.substring(i + 1));
        Proc.Result r = decrypt(List.of("--age-key-file", Vectors.sopsNix("age-keys.txt").toString()), bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("tampered.yaml"), r.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "json", "env", "ini"})
    void encryptThenDecryptWithAgeAndPgp(String ext) throws IOException {
        String recipient = Files.readString(Vectors.sopsNix("age-keys.txt")).lines()
                .filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring(14);
        Path plain = dir.resolve("plain." + ext);
        Files.writeString(plain, switch (ext) {
            case "yaml" -> "db:\n    password: hunter2\n    port: 5432\nlist:\n    - a\n    - b\n";
            case "json" -> "{\n\t\"db\": {\n\t\t\"password\": \"hunter2\"\n\t}\n}";
            case "env" -> "PASSWORD=hunter2\nUSER=admin\n";
            default -> "[db]\npassword = hunter2\n";
        });
        Path enc = dir.resolve("enc." + ext);
        Proc.Result e = run(ctl, "encrypt", "--age", recipient, "--pgp", Vectors.sopsNix("key.asc").toString(), "-o", enc.toString(), plain.toString());
        assertEquals(0, e.exit(), e.toString());
        assertFalse(Files.readString(enc).contains("hunter2"));
        byte[] viaAge = decrypt(List.of("--age-key-file", Vectors.sopsNix("age-keys.txt").toString()), enc.toString()).stdout();
        byte[] viaPgp = decrypt(List.of("--pgp-key", Vectors.sopsNix("key.asc").toString()), enc.toString()).stdout();
        // sops ends JSON with a newline and INI with an empty line; the content is what must survive
        assertEquals(Files.readString(plain).strip(), new String(viaAge, java.nio.charset.StandardCharsets.UTF_8).strip());
        assertArrayEquals(viaAge, viaPgp);
    }
}
