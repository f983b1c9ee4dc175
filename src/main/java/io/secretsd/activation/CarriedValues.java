package io.secretsd.activation;

import io.secretsd.manifest.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of carried secrets that a template rendered anew uses, read from the current generation (where
 * they are plaintext already) only when a template needs them, and wiped once the templates are rendered.
 */
final class CarriedValues {
    private final Map<String, String> placeholderByAttribute;
    private final Map<String, Secret> carriedByAttribute;
    private final Optional<Path> current;
    private final Map<String, byte[]> values;
    private final Map<String, String> unavailable;
    private final List<byte[]> read = new ArrayList<>();
    private Placeholders.Index index;

    CarriedValues(Map<String, String> placeholderByAttribute, Map<String, Secret> carriedByAttribute,
                  Optional<Path> current, Map<String, byte[]> values, Map<String, String> unavailable) {
        this.placeholderByAttribute = placeholderByAttribute;
        this.carriedByAttribute = carriedByAttribute;
        this.current = current;
        this.values = values;
        this.unavailable = unavailable;
    }

    /** Adds to the renderer's values those of the carried secrets {@code text} uses. */
    void load(byte[] text) {
        if (carriedByAttribute.isEmpty() || current.isEmpty()) return;
        if (index == null) {
            index = Placeholders.Index.of(placeholderByAttribute);
        }
        for (String attr : Placeholders.used(text, index)) {
            Secret s = carriedByAttribute.get(attr);
            if (s == null || values.containsKey(attr) || unavailable.containsKey(attr)) continue;
            try {
                Optional<SecureFiles.Existing> e = SecureFiles.readRegular(current.get().resolve(s.name()));
                if (e.isPresent()) {
                    read.add(e.get().bytes());
                    values.put(attr, e.get().bytes());
                } else {
                    unavailable.put(attr, "whose file is missing from the current generation");
                }
            } catch (IOException ex) {
                unavailable.put(attr, "whose file in the current generation cannot be read: " + ex.getMessage());
            }
        }
    }

    void wipe() {
        for (byte[] b : read) Arrays.fill(b, (byte) 0);
        read.clear();
    }
}
