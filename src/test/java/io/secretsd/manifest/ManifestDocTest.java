package io.secretsd.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.activation.Placeholders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/manifest.md against the reader: every field the reader knows is documented, and the examples
 * in it are manifests the reader accepts without a warning, with the placeholders sops-nix would write.
 */
class ManifestDocTest {
    private static final Path DOC = Path.of(System.getProperty("user.dir"), "docs/manifest.md");

    private static List<String> blocks(String lang) throws Exception {
        Matcher m = Pattern.compile("(?s)```" + lang + "\n(.*?)```").matcher(Files.readString(DOC));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        assertTrue(!out.isEmpty(), "no " + lang + " example in " + DOC);
        return out;
    }

    @Test
    void everyFieldIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        Stream.of(UnknownFields.TOP, UnknownFields.SECRET, UnknownFields.TEMPLATE).flatMap(Set::stream)
                .filter(f -> !f.equals("attributeName") && !f.equals("logging"))
                .forEach(f -> assertTrue(doc.contains("`" + f + "`"), f + " is not documented in " + DOC));
        UnknownFields.LOGGING.forEach(f -> assertTrue(doc.contains("`logging." + f + "`"), f));
    }

    @Test
    void theExamplesAreManifestsWithTheirPlaceholders() throws Exception {
        List<String> examples = new ArrayList<>(blocks("yaml"));
        examples.addAll(blocks("json"));
        for (String text : examples) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Manifest m = ManifestReader.parse(bytes, DOC.toString());
            assertEquals(List.of(), UnknownFields.of(bytes, DOC.toString()), text);
            assertTrue(!m.secrets().isEmpty() && !m.templates().isEmpty(), text);
            m.placeholderBySecretName().forEach((name, ph) -> assertEquals(Placeholders.of(name), ph, name));
            for (Template t : m.templates()) {
                m.placeholderBySecretName().values().forEach(ph -> assertTrue(t.content().contains(ph), t.name()));
            }
        }
    }
}
