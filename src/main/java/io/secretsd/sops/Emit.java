package io.secretsd.sops;

/**
 * How a document is written: its format and sops' indent options ({@code stores.*.indent}, {@code --indent}):
 * YAML spaces a level (0 = 4), JSON and the binary store's JSON spaces a level (negative = a tab).
 */
public record Emit(Format format, int yamlIndent, int jsonIndent, int jsonBinaryIndent) {
    public static Emit of(Format format) {
        return new Emit(format, 0, -1, -1);
    }

    public Store store() {
        return format.store(yamlIndent, jsonIndent, jsonBinaryIndent);
    }
}
