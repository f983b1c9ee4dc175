package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.secretsd.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared sops-nix vectors, and a tiny ad-hoc reader of the {@code pgp} entries of their metadata. */
final class SopsVectors {
    static final List<String> FILES = List.of("secrets.yaml", "secrets.json", "secrets.bin", "secrets.env", "secrets.ini");

    record PgpEntry(String file, String fingerprint, byte[] enc) {
        @Override
        public String toString() {
            return file + " → " + fingerprint;
        }
    }

    private SopsVectors() {
    }

    static Path dir() {
        Path dir = Vectors.dir().resolve("sops-nix");
        if (!Files.isDirectory(dir)) fail("the shared sops-nix test vectors are missing: " + dir + " does not exist");
        return dir;
    }

    static byte[] read(String name) throws IOException {
        return Files.readAllBytes(dir().resolve(name));
    }

    private static final Pattern MESSAGE = Pattern.compile("-----BEGIN PGP MESSAGE-----.*?-----END PGP MESSAGE-----", Pattern.DOTALL);
    private static final Pattern FP = Pattern.compile("(?:\"fp\"\\s*:\\s*\"|\\bfp:\\s*)([0-9A-Fa-f]{40})");
    private static final Pattern FLAT = Pattern.compile("pgp__list_(\\d+)__map_(enc|fp)\\s*=\\s*(\\S.*)");

    /** The (fp, enc) pairs of a sops file's {@code pgp} metadata, whatever its store format. */
    static List<PgpEntry> pgpEntries(String file) throws IOException {
        String text = new String(read(file), StandardCharsets.UTF_8);
        List<PgpEntry> entries = new ArrayList<>();
        // dotenv and INI flatten the list: pgp__list_<i>__map_enc / _fp, newlines written as \n.
        var flat = new TreeMap<Integer, String[]>();
        for (Matcher m = FLAT.matcher(text); m.find(); ) {
            String[] pair = flat.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[2]);
            pair[m.group(2).equals("enc") ? 0 : 1] = m.group(3).strip();
        }
        if (!flat.isEmpty()) {
            for (String[] pair : flat.values()) entries.add(new PgpEntry(file, pair[1], message(pair[0].replace("\\n", "\n"))));
        } else {
            // YAML and JSON: the i-th message belongs to the i-th fp (each entry holds both).
            String unescaped = text.replace("\\n", "\n");
            List<String> fps = new ArrayList<>();
            for (Matcher m = FP.matcher(unescaped); m.find(); ) fps.add(m.group(1));
            List<byte[]> messages = new ArrayList<>();
            for (Matcher m = MESSAGE.matcher(unescaped); m.find(); ) messages.add(message(m.group()));
            if (fps.size() != messages.size()) fail(file + ": " + fps.size() + " fp fields but " + messages.size() + " PGP messages");
            for (int i = 0; i < fps.size(); i++) entries.add(new PgpEntry(file, fps.get(i), messages.get(i)));
        }
        assertFalse(entries.isEmpty(), file + " has no pgp entries");
        return entries;
    }

    /** The armored message with the YAML indentation removed. */
    private static byte[] message(String s) {
        StringBuilder b = new StringBuilder();
        s.lines().forEach(l -> b.append(l.strip()).append('\n'));
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
