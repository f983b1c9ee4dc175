package io.secretsd.sops;

/** The {@code type:} tag of an encrypted value, which says how its plaintext bytes are parsed back. */
public enum ScalarType {
    STR("str"), INT("int"), FLOAT("float"), BOOL("bool"), TIME("time"), BYTES("bytes"), COMMENT("comment");

    private final String tag;

    ScalarType(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The type for a tag, or null for a tag sops does not know. */
    public static ScalarType ofTag(String tag) {
        for (ScalarType t : values()) if (t.tag.equals(tag)) return t;
        return null;
    }
}
