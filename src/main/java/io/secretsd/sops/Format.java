package io.secretsd.sops;

import java.util.Locale;

/** The store a file is read or written with, inferred from its name as sops does. */
public enum Format {
    YAML, JSON, DOTENV, INI, BINARY;

    /** {@code .yaml}/{@code .yml} → YAML, {@code .json} → JSON, {@code .env} → dotenv, {@code .ini} → INI, else binary. */
    public static Format fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) return YAML;
        if (n.endsWith(".json")) return JSON;
        if (n.endsWith(".env")) return DOTENV;
        if (n.endsWith(".ini")) return INI;
        return BINARY;
    }

    /** Whether the name has one of the extensions {@link #fromFileName} knows (else binary is only a guess). */
    public static boolean knownExtension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".env") || n.endsWith(".ini");
    }

    /** Parses a {@code --input-type}/{@code --output-type} argument (yaml, json, dotenv, ini, binary). */
    public static Format parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "yaml", "yml" -> YAML;
            case "json" -> JSON;
            case "dotenv", "env" -> DOTENV;
            case "ini" -> INI;
            case "binary" -> BINARY;
            default -> throw new IllegalArgumentException("unknown format '" + s + "' (yaml, json, dotenv, ini, binary)");
        };
    }

    /**
     * The store with sops' indent options: YAML spaces a level (0 = 4), JSON and binary-as-JSON spaces a
     * level (negative = a tab).
     */
    public Store store(int yamlIndent, int jsonIndent, int jsonBinaryIndent) {
        return switch (this) {
            case YAML -> new YamlStore(yamlIndent);
            case JSON -> new JsonStore(jsonIndent);
            case BINARY -> new BinaryStore(jsonBinaryIndent);
            default -> store();
        };
    }

    public Store store() {
        return switch (this) {
            case YAML -> new YamlStore();
            case JSON -> new JsonStore();
            case DOTENV -> new DotenvStore();
            case INI -> new IniStore();
            case BINARY -> new BinaryStore();
        };
    }
}
