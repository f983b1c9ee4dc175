package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI store ({@code stores/ini/store.go} over {@code gopkg.in/ini.v1}): each section is a top-level
 * mapping of strings; comments are {@code ;}/{@code #} lines; the metadata is a flattened {@code [sops]}
 * section, its newlines either escaped as {@code \n} or (3.13.0/1) kept inside {@code """…"""}.
 */
public final class IniStore implements Store {
    private static final String DEFAULT = "DEFAULT";

    /** One parsed section: its name, comment lines and keys with their comments. */
    private record Section(String name, String comment, List<Key> keys) {}

    private record Key(String name, String value, String comment) {}

    @Override
    public Document loadPlain(byte[] in, String file) throws SopsFormatException {
        return Document.of(toTree(parse(in, file), false));
    }

    @Override
    public Loaded loadEncrypted(byte[] in, String file) throws SopsFormatException {
        List<Section> sections = parse(in, file);
        Map<String, String> flat = null;
        for (Section s : sections) {
            if (!s.name().equals("sops")) continue;
            flat = new LinkedHashMap<>();
            for (Key k : s.keys()) flat.put(k.name(), Flatten.unescape(k.value()));
        }
        if (flat == null) throw Store.noMetadata(file);
        return new Loaded(Document.of(toTree(sections, true)), Flatten.unflatten(flat, file));
    }

    private static Mapping toTree(List<Section> sections, boolean skipSops) {
        List<Mapping.Item> top = new ArrayList<>();
        for (Section s : sections) {
            if (skipSops && s.name().equals("sops")) continue;
            if (s.name().equals(DEFAULT) && s.keys().isEmpty() && s.comment().isEmpty()) continue;
            List<Mapping.Item> items = new ArrayList<>();
            if (!s.comment().isEmpty()) items.add(new Comment(stripCommentChar(s.comment())));
            for (Key k : s.keys()) {
                items.add(new Field(k.name(), Scalar.str(k.value())));
                if (!k.comment().isEmpty()) items.add(new Comment(stripCommentChar(k.comment())));
            }
            top.add(new Field(s.name(), new Mapping(items)));
        }
        return new Mapping(top);
    }

    private static String stripCommentChar(String c) {
        int i = 0;
        if (c.startsWith(";")) while (i < c.length() && (c.charAt(i) == ';' || c.charAt(i) == ' ')) i++;
        else if (c.startsWith("#")) while (i < c.length() && (c.charAt(i) == '#' || c.charAt(i) == ' ')) i++;
        return c.substring(i);
    }

    /** ini.v1's parser with sops' options: non-unique sections, inline comments, {@code """} and backtick values. */
    private static List<Section> parse(byte[] in, String file) throws SopsFormatException {
        String text = new String(in, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\n", -1);
        List<Section> sections = new ArrayList<>();
        Section current = new Section(DEFAULT, "", new ArrayList<>());
        sections.add(current);
        StringBuilder comments = new StringBuilder();
        for (int n = 0; n < lines.length; n++) {
            String line = stripLeft(lines[n]);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) continue;
            char c = line.charAt(0);
            if (c == '#' || c == ';') {
                if (!comments.isEmpty()) comments.append('\n');
                comments.append(line.stripTrailing());
                continue;
            }
            if (c == '[') {
                int close = line.lastIndexOf(']');
                if (close < 0) throw new SopsFormatException(file + ": line " + (n + 1) + ": unclosed section header");
                String name = line.substring(1, close).strip();
                if (name.isEmpty()) name = DEFAULT;
                current = new Section(name, comments.toString(), new ArrayList<>());
                comments.setLength(0);
                sections.add(current);
                continue;
            }
            // key
            String key;
            int rest;
            if (line.startsWith("\"\"\"") || line.startsWith("`") || line.startsWith("\"")) {
                String q = line.startsWith("\"\"\"") ? "\"\"\"" : line.substring(0, 1);
                int end = line.indexOf(q, q.length());
                if (end < 0) throw new SopsFormatException(file + ": line " + (n + 1) + ": unclosed quoted key");
                key = line.substring(q.length(), end);
                rest = end + q.length();
                int d = indexOfDelimiter(line, rest);
                if (d < 0) throw new SopsFormatException(file + ": line " + (n + 1) + ": key-value delimiter not found");
                rest = d + 1;
            } else {
                int d = indexOfDelimiter(line, 0);
                if (d < 0) throw new SopsFormatException(file + ": line " + (n + 1) + ": key-value delimiter not found");
                key = line.substring(0, d).strip();
                rest = d + 1;
            }
            String value = stripLeft(line.substring(rest));
            if (value.startsWith("\"\"\"")) {
                StringBuilder v = new StringBuilder();
                String body = value.substring(3);
                int end = body.indexOf("\"\"\"");
                if (end >= 0) {
                    v.append(body, 0, end);
                } else {
                    v.append(body);
                    boolean closed = false;
                    while (++n < lines.length) {
                        String l = lines[n];
                        v.append('\n');
                        int e = l.indexOf("\"\"\"");
                        if (e >= 0) {
                            v.append(l, 0, e);
                            closed = true;
                            break;
                        }
                        v.append(l);
                    }
                    if (!closed) throw new SopsFormatException(file + ": unclosed \"\"\" value for key " + key);
                }
                value = v.toString();
            } else if (value.startsWith("`")) {
                int end = value.indexOf('`', 1);
                if (end < 0) throw new SopsFormatException(file + ": line " + (n + 1) + ": unclosed ` value");
                value = value.substring(1, end);
            } else {
                int hash = indexOfAny(value, "#;");
                if (hash >= 0) value = value.substring(0, hash);
                value = value.strip();
                if (value.length() >= 2 && (value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                        || value.charAt(0) == '\'' && value.charAt(value.length() - 1) == '\'')) {
                    value = value.substring(1, value.length() - 1);
                }
            }
            current.keys().add(new Key(key, value, comments.toString()));
            comments.setLength(0);
        }
        return sections;
    }

    private static String stripLeft(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return s.substring(i);
    }

    private static int indexOfDelimiter(String s, int from) {
        for (int i = from; i < s.length(); i++) if (s.charAt(i) == '=' || s.charAt(i) == ':') return i;
        return -1;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    @Override
    public byte[] emitPlain(Document doc) throws SopsFormatException {
        StringBuilder b = new StringBuilder();
        List<Field> sections = new ArrayList<>();
        for (Mapping branch : doc.branches()) sections.addAll(branch.fields());
        for (int i = 0; i < sections.size(); i++) {
            Field section = sections.get(i);
            if (!(section.value() instanceof Mapping m)) throw new SopsFormatException("ini: section " + section.key() + " is not a mapping");
            writeSection(b, section.key(), m, i == 0, i == sections.size() - 1);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** As go-ini writes a section (sops' INI store): a blank line between sections, none after the last. */
    private static void writeSection(StringBuilder b, String name, Mapping m, boolean first, boolean last) throws SopsFormatException {
        String sectionComment = "";
        List<String[]> keys = new ArrayList<>(); // name, value, comment
        List<Mapping.Item> items = m.items();
        int start = 0;
        if (!items.isEmpty() && items.getFirst() instanceof Comment c) {
            sectionComment = c.text();
            start = 1;
        }
        for (int i = start; i < items.size(); i++) {
            switch (items.get(i)) {
                case Comment c -> { if (!keys.isEmpty()) keys.getLast()[2] = c.text(); }
                case Field f -> {
                    if (f.value() instanceof Mapping || f.value() instanceof Sequence)
                        throw new SopsFormatException("ini: key " + name + "." + f.key() + " has a complex value");
                    keys.add(new String[] {f.key(), new String(DotenvStore.valueBytes(f.value()), StandardCharsets.UTF_8), ""});
                }
            }
        }
        writeComment(b, sectionComment);
        if (first && name.equals(DEFAULT)) {
            if (keys.isEmpty()) return;
        } else {
            b.append('[').append(name).append("]\n");
        }
        int align = 0;
        for (String[] k : keys) align = Math.max(align, quotedKey(k[0]).length());
        for (String[] k : keys) {
            writeComment(b, k[2]);
            String kn = quotedKey(k[0]);
            b.append(kn).append(" ".repeat(align - kn.length())).append(" = ").append(quotedValue(k[1])).append('\n');
        }
        if (!last) b.append('\n');
    }

    private static void writeComment(StringBuilder b, String comment) {
        if (comment.isEmpty()) return;
        for (String line : comment.split("\n", -1)) {
            if (line.isEmpty() || (line.charAt(0) != '#' && line.charAt(0) != ';')) b.append("; ").append(line);
            else b.append(line.charAt(0)).append(' ').append(line.substring(1).strip());
            b.append('\n');
        }
    }

    private static String quotedKey(String k) {
        if (k.contains("\"") || k.contains("=") || k.contains(":")) return "`" + k + "`";
        if (k.contains("`")) return "\"\"\"" + k + "\"\"\"";
        return k;
    }

    private static String quotedValue(String v) {
        if (v.contains("\n") || v.contains("`")) return "\"\"\"" + v + "\"\"\"";
        if (v.contains("#") || v.contains(";")) return "`" + v + "`";
        if (v.strip().length() != v.length()) return "\"" + v + "\"";
        return v;
    }

    @Override
    public byte[] emitEncrypted(Document doc, Mapping metadata) throws SopsFormatException {
        List<Mapping.Item> sops = new ArrayList<>();
        for (Map.Entry<String, String> e : Flatten.flatten(metadata).entrySet()) sops.add(new Field(e.getKey(), Scalar.str(e.getValue())));
        List<Mapping.Item> top = new ArrayList<>(doc.branches().isEmpty() ? List.of() : doc.branches().getFirst().items());
        top.add(new Field("sops", new Mapping(sops)));
        return emitPlain(Document.of(new Mapping(top)));
    }

    @Override
    public byte[] emitValue(Value v) throws SopsFormatException {
        if (v instanceof Mapping m) return emitPlain(Document.of(m));
        return JsonWriter.write(v).getBytes(StandardCharsets.UTF_8);
    }
}
