package io.secretsd.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON that varlink messages need, and no more: objects as {@code Map<String, Object>}, arrays as
 * {@code List<Object>}, strings, {@code Long} or {@code Double} numbers, booleans and {@code null}.
 * Hand-written so that {@code secretsctl status} loads a handful of classes instead of a JSON library.
 */
public final class Json {
    /** Deeper nesting than any varlink message of ours needs; bounds the parser's recursion. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that fills the whole text. */
    public static Object parse(String text) throws ProtocolException {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("trailing characters");
        return v;
    }

    /** Parses a JSON object; anything else is a protocol error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws ProtocolException {
        if (parse(text) instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new ProtocolException("message is not a JSON object");
    }

    private ProtocolException error(String what) {
        return new ProtocolException("malformed JSON at offset " + pos + ": " + what);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private Object value(int depth) throws ProtocolException {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        if (pos >= text.length()) throw error("unexpected end");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character");
            }
        };
    }

    private Object literal(String word, Object v) throws ProtocolException {
        if (!text.startsWith(word, pos)) throw error("unexpected character");
        pos += word.length();
        return v;
    }

    private Map<String, Object> object(int depth) throws ProtocolException {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a member name");
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (m.put(key, value(depth + 1)) != null) throw error("duplicate member \"" + key + "\"");
            skipSpace();
            if (pos >= text.length()) throw error("unexpected end");
            char c = text.charAt(pos++);
            if (c == '}') return m;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws ProtocolException {
        pos++;
        List<Object> l = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return l;
        }
        while (true) {
            skipSpace();
            l.add(value(depth + 1));
            skipSpace();
            if (pos >= text.length()) throw error("unexpected end");
            char c = text.charAt(pos++);
            if (c == ']') return l;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private void expect(char c) throws ProtocolException {
        if (pos >= text.length() || text.charAt(pos) != c) throw error("expected '" + c + "'");
        pos++;
    }

    private String string() throws ProtocolException {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) throw error("unterminated escape");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("short \\u escape");
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) throw error("bad \\u escape");
                        cp = cp * 16 + d;
                    }
                    b.append((char) cp);
                }
                default -> throw error("unknown escape");
            }
        }
    }

    private Object number() throws ProtocolException {
        int start = pos;
        if (text.charAt(pos) == '-') pos++;
        boolean integral = true;
        int digits = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
            } else {
                break;
            }
            pos++;
        }
        String s = text.substring(start, pos);
        if (digits == 0) throw error("bad number");
        try {
            if (integral && digits <= 18) return Long.parseLong(s);
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) throw error("number out of range");
            return d;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number");
        }
    }

    /** Text that is already JSON, written as it is (a cached part of a reply). */
    public record Raw(String json) {}

    /** Writes a value made of maps, lists, strings, numbers, booleans, enums (by name) and null. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder(256);
        write(b, value);
        return b.toString();
    }

    static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> quote(b, s);
            case Raw r -> b.append(r.json());
            case Boolean x -> b.append(x.booleanValue());
            case Integer x -> b.append(x.intValue());
            case Long x -> b.append(x.longValue());
            case Double x -> {
                if (x.isNaN() || x.isInfinite()) throw new IllegalArgumentException("not a JSON number: " + x);
                b.append(x.doubleValue());
            }
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getValue() == null) continue; // varlink omits absent optional fields
                    if (!first) b.append(',');
                    first = false;
                    quote(b, (String) e.getKey());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(',');
                    write(b, l.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    // NUL ends a varlink message, so it and every control character is escaped.
                    if (c < 0x20 || c == 0x7f) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
