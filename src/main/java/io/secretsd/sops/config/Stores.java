package io.secretsd.sops.config;

/**
 * The {@code stores:} options that change output: YAML indent (0 = sops' default of 4) and JSON indent
 * (negative = a tab, sops' default; otherwise that many spaces).
 */
public record Stores(int yamlIndent, int jsonIndent, int jsonBinaryIndent) {
    public static final Stores DEFAULT = new Stores(0, -1, -1);

    /** {@code --indent N}: one indent for YAML and both JSON stores, as sops' global flag sets them. */
    public Stores withIndent(int indent) {
        return new Stores(indent, indent, indent);
    }
}
