package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes YAML the way sops' yaml.v3 encoder does with indent 4: block style, sequences indented under their
 * key, comment items as {@code #} lines, scalars plain when they read back as the same string, otherwise
 * single- or double-quoted, multi-line strings as literal blocks.
 */
final class YamlWriter {
    static final int DEFAULT_INDENT = 4;
    private final StringBuilder b = new StringBuilder();
    private final int step;

    private YamlWriter(int step) {
        this.step = step;
    }

    static String write(List<Mapping> docs) {
        return write(docs, DEFAULT_INDENT);
    }

    /** With {@code indent} spaces a level (sops' {@code stores.yaml.indent}, {@code --indent}). */
    static String write(List<Mapping> docs, int indent) {
        YamlWriter w = new YamlWriter(indent);
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) w.b.append("---\n");
            w.document(docs.get(i));
        }
        return w.b.toString();
    }

    /** One value alone, as {@code sops --extract} prints a non-string. */
    static String writeValue(Value v) {
        YamlWriter w = new YamlWriter(DEFAULT_INDENT);
        switch (v) {
            case Mapping m -> w.document(m);
            case Sequence q -> {
                if (q.items().stream().allMatch(x -> x instanceof Comment)) w.b.append("[]\n");
                else w.sequence(q, 0, 0, false);
            }
            default -> {
                w.inlineValue(v, 0, -1);
                w.b.append('\n');
            }
        }
        return w.b.toString();
    }

    private void document(Mapping m) {
        if (m.fields().isEmpty()) {
            comments(m.items(), 0);
            b.append("{}\n");
            return;
        }
        mapping(m, 0, 0, false);
    }

    private void comments(List<? extends Object> items, int col) {
        for (Object o : items) if (o instanceof Comment c) commentLine(c, col);
    }

    private void commentLine(Comment c, int col) {
        pad(col);
        b.append('#').append(c.text()).append('\n');
    }

    private void pad(int n) {
        for (int i = 0; i < n; i++) b.append(' ');
    }

    /**
     * A block mapping. {@code indent} is the base its children indent from; {@code col} is where keys are
     * written; {@code firstInline} means the first key follows a sequence dash on the current line.
     */
    private void mapping(Mapping m, int indent, int col, boolean firstInline) {
        boolean first = true;
        for (Mapping.Item item : m.items()) {
            switch (item) {
                case Comment c -> {
                    if (first && firstInline) {
                        // a comment cannot follow "- " on its line: open the item, then indent the comment
                        b.append('#').append(c.text()).append('\n');
                        pad(col);
                        continue;
                    }
                    commentLine(c, col);
                }
                case Field f -> {
                    if (!(first && firstInline)) pad(col);
                    first = false;
                    firstInline = false;
                    key(f.key());
                    b.append(':');
                    value(f.value(), indent, col);
                }
            }
            if (item instanceof Field) first = false;
        }
    }

    /** Writes the value of a mapping key whose mapping has indent {@code indent} and keys at column {@code col}. */
    private void value(Value v, int indent, int col) {
        switch (v) {
            case Mapping m -> {
                if (m.fields().isEmpty()) {
                    b.append(" {}\n");
                    comments(m.items(), indent + step);
                } else {
                    b.append('\n');
                    mapping(m, indent + step, indent + step, false);
                }
            }
            case Sequence q -> {
                if (q.items().stream().allMatch(x -> x instanceof Comment)) {
                    b.append(" []\n");
                    comments(q.items(), indent + step);
                } else {
                    b.append('\n');
                    sequence(q, indent + step, indent + step, false);
                }
            }
            default -> {
                b.append(' ');
                inlineValue(v, indent + step, col);
                b.append('\n');
            }
        }
    }

    private void sequence(Sequence q, int indent, int col, boolean firstInline) {
        boolean first = true;
        for (Value v : q.items()) {
            if (v instanceof Comment c) {
                if (first && firstInline) {
                    b.append('#').append(c.text()).append('\n');
                    pad(col);
                    firstInline = false;
                    first = false;
                    continue;
                }
                commentLine(c, col);
                continue;
            }
            // Leading comments of a collection item are its head comment: yaml.v3 writes them above the dash.
            List<Comment> head = new ArrayList<>();
            if (v instanceof Mapping m && !m.fields().isEmpty()) {
                int k = 0;
                while (m.items().get(k) instanceof Comment c) { head.add(c); k++; }
                v = new Mapping(m.items().subList(k, m.items().size()));
            } else if (v instanceof Sequence s && !s.items().stream().allMatch(x -> x instanceof Comment)) {
                int k = 0;
                while (s.items().get(k) instanceof Comment c) { head.add(c); k++; }
                v = new Sequence(s.items().subList(k, s.items().size()));
            }
            for (Comment c : head) {
                if (first && firstInline) {
                    b.append('#').append(c.text()).append('\n');
                    firstInline = false;
                    continue;
                }
                commentLine(c, col);
            }
            if (!(first && firstInline)) pad(col);
            first = false;
            firstInline = false;
            b.append('-');
            switch (v) {
                case Mapping m when !m.fields().isEmpty() -> {
                    b.append(' ');
                    // keys sit after "- " (col + 2); what they hold must indent past them, whatever the step
                    mapping(m, step <= 2 ? col + 2 : col, col + 2, true);
                }
                case Sequence s when !s.items().stream().allMatch(x -> x instanceof Comment) -> {
                    b.append(' ');
                    sequence(s, col + 2, col + 2, true);
                }
                case Mapping m -> b.append(" {}\n");
                case Sequence s -> b.append(" []\n");
                default -> {
                    b.append(' ');
                    inlineValue(v, col + step, col);
                    b.append('\n');
                }
            }
        }
    }

    private void key(String k) {
        if (k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0) {
            doubleQuoted(k);
            return;
        }
        scalarString(k, -1, -1, true);
    }

    /**
     * A leaf after "key: " or "- "; {@code blockIndent} is where literal block content goes, {@code parentIndent}
     * the indentation of the node holding it (its keys' or dashes' column), which an indentation indicator counts from.
     */
    private void inlineValue(Value v, int blockIndent, int parentIndent) {
        switch (v) {
            case Null n -> b.append("null");
            case Scalar s -> {
                switch (s.type()) {
                    case INT -> b.append(s.text());
                    case FLOAT -> b.append(GoFloat.formatYaml(s.doubleValue()));
                    case BOOL -> b.append(s.boolValue() ? "true" : "false");
                    case TIME -> b.append(s.text());
                    default -> scalarString(JsonWriter.decode(s.raw()), blockIndent, parentIndent, false);
                }
            }
            case Mapping m -> b.append("{}");
            case Sequence q -> b.append("[]");
            case Comment c -> { }
        }
    }

    private void scalarString(String s, int blockIndent, int parentIndent, boolean simpleKey) {
        Analysis a = analyze(s);
        if (!simpleKey && s.indexOf('\n') >= 0) {
            if (a.blockAllowed) {
                literal(s, blockIndent, parentIndent);
                return;
            }
            doubleQuoted(s);
            return;
        }
        boolean canUsePlain = !YamlResolver.needsQuotes(s);
        if (!canUsePlain) {
            doubleQuoted(s);
            return;
        }
        if (a.blockPlainAllowed && !(simpleKey && a.multiline)) {
            b.append(s);
        } else if (a.singleQuotedAllowed && !(simpleKey && a.multiline)) {
            b.append('\'').append(s.replace("'", "''")).append('\'');
        } else {
            doubleQuoted(s);
        }
    }

    private void literal(String s, int indent, int parentIndent) {
        b.append('|');
        // a leading space or break hides where the content starts, so say it: relative to the parent node
        if (s.charAt(0) == ' ' || s.charAt(0) == '\n') b.append(indent - parentIndent);
        if (!s.endsWith("\n")) b.append('-');
        else if (s.length() == 1 || s.endsWith("\n\n")) b.append('+');
        b.append('\n');
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isEmpty()) pad(indent);
            b.append(lines[i]);
            if (i < lines.length - 1) b.append('\n');
        }
        // the caller ends the last line
    }

    private void doubleQuoted(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case 0 -> b.append("\\0");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                case 9 -> b.append("\\t");
                case 10 -> b.append("\\n");
                case 11 -> b.append("\\v");
                case 12 -> b.append("\\f");
                case 13 -> b.append("\\r");
                case 27 -> b.append("\\e");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0x85 -> b.append("\\N");
                case 0x2028 -> b.append("\\L");
                case 0x2029 -> b.append("\\P");
                default -> {
                    if (printable(c) && c != 0xFEFF) b.appendCodePoint(c);
                    else if (c <= 0xFF) b.append(String.format("\\x%02X", c));
                    else if (c <= 0xFFFF) b.append(String.format("\\u%04X", c));
                    else b.append(String.format("\\U%08X", c));
                }
            }
        }
        b.append('"');
    }

    static boolean printable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private record Analysis(boolean multiline, boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {}

    /** libyaml's {@code yaml_emitter_analyze_scalar}, for block context. */
    private static Analysis analyze(String s) {
        if (s.isEmpty()) return new Analysis(false, false, true, false);
        boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
        boolean leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        boolean breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        boolean lineBreaks = false, special = false;
        boolean precededByWhitespace = true;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean followedByWhitespace = i + 1 >= cps.length || blankz(cps[i + 1]);
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) blockIndicators = true;
                if ((c == '?' || c == ':') && followedByWhitespace) blockIndicators = true;
                if (c == '-' && followedByWhitespace) blockIndicators = true;
            } else {
                if (c == ':' && followedByWhitespace) blockIndicators = true;
                if (c == '#' && precededByWhitespace) blockIndicators = true;
            }
            // NEL, LS and PS are line breaks to a YAML reader: only double quotes keep them exact
            if (!printable(c) || c == 0xFEFF || c == 0x85 || c == 0x2028 || c == 0x2029) special = true;
            if (c == '\n') lineBreaks = true;
            if (c == ' ') {
                if (i == 0) leadingSpace = true;
                if (i == cps.length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            } else if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                lineBreaks = true;
                if (i == 0) leadingBreak = true;
                if (i == cps.length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousBreak = true;
                previousSpace = false;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = blankz(c);
        }
        boolean blockPlain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
        if (trailingSpace) block = false;
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks) blockPlain = false;
        if (blockIndicators) blockPlain = false;
        return new Analysis(lineBreaks, blockPlain, single, block);
    }

    private static boolean blankz(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
}
