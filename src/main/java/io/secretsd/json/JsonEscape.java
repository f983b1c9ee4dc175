package io.secretsd.json;

/** Writes a JSON string literal; writers differ only in which extra characters they escape as \\uXXXX. */
public final class JsonEscape {
    /** Which characters beyond the control characters a writer escapes as \\uXXXX. */
    @FunctionalInterface
    public interface Extra {
        boolean escape(char c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonEscape() {}

    /** Appends s quoted: '"', '\\' and \n \r \t \b \f by their short escapes, other control characters as \\u00XX. */
    public static void quote(StringBuilder b, String s, Extra extra) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || extra.escape(c)) {
                        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
