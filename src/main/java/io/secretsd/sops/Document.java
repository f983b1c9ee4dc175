package io.secretsd.sops;

import java.util.List;

/** The data of a sops file: one branch per YAML document, exactly one for every other store. */
public record Document(List<Mapping> branches) {
    public Document {
        branches = List.copyOf(branches);
    }

    public static Document of(Mapping single) {
        return new Document(List.of(single));
    }
}
