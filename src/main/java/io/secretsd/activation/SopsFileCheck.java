package io.secretsd.activation;

import io.secretsd.manifest.Format;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --check-mode=sopsfile}: every sops file parses in its format and contains every key asked of it;
 * template files are readable. Nothing is decrypted and no user is looked up.
 */
final class SopsFileCheck {
    private SopsFileCheck() {
    }

    static List<String> check(Manifest m, SecretSource source) {
        List<String> errors = new ArrayList<>();
        Map<String, List<Secret>> byFile = new LinkedHashMap<>();
        for (Secret s : m.secrets()) {
            byFile.computeIfAbsent(s.sopsFile(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Secret>> e : byFile.entrySet()) {
            Secret first = e.getValue().getFirst();
            Format format = first.format();
            List<String> keys = new ArrayList<>();
            for (Secret s : e.getValue()) {
                if (!format.wholeFileOnly() && !s.key().isEmpty()) {
                    keys.add(s.key());
                }
            }
            try {
                errors.addAll(source.missingKeys(Path.of(e.getKey()), format, keys));
            } catch (SourceException ex) {
                errors.add(ex.getMessage());
            } catch (RuntimeException ex) {
                errors.add(e.getKey() + ": cannot check: internal error");
            }
        }
        for (Template t : m.templates()) {
            if (t.content().isEmpty() && t.file().isPresent() && !Files.isReadable(Path.of(t.file().get()))) {
                errors.add(t.file().get() + ": cannot read the file of template " + t.name());
            }
        }
        return errors;
    }
}
