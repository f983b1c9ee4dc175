package io.secretsd.activation;

import io.secretsd.manifest.Entry;
import io.secretsd.manifest.Template;

/**
 * One file of the generation to be written.
 *
 * @param relPath the path inside the generation: the secret's name, or {@code rendered/<name>}
 */
public record PlannedFile(Entry entry, String relPath, Content content) {
    public boolean isTemplate() {
        return entry instanceof Template;
    }

    public String name() {
        return entry.name();
    }
}
