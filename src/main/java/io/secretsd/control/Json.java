package io.secretsd.control;

import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonParser.Event;
import io.secretsd.json.JsonSyntaxException;
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
    /** Deeper nesting than any varlink message of ours needs; bounds the builder's recursion. */
    static final int MAX_DEPTH = 64;

    private Json() {}

    /** Parses one JSON value that fills the whole text. */
    public static Object parse(String text) throws ProtocolException {
        JsonParser p = new JsonParser(text, MAX_DEPTH);
        try {
            Object v = value(p, p.next());
            p.next(); // END, or trailing data
            return v;
        } catch (JsonSyntaxException e) {
            throw new ProtocolException("malformed JSON at offset " + e.offset() + ": " + e.reason());
        }
    }

    /** Parses a JSON object; anything else is a protocol error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws ProtocolException {
        if (parse(text) instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new ProtocolException("message is not a JSON object");
    }

    private static Object value(JsonParser p, Event e) throws JsonSyntaxException {
        return switch (e) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.next() == Event.KEY) {
                    String key = p.text();
                    if (m.containsKey(key)) throw p.errorAtToken("duplicate member \"" + key + "\"");
                    m.put(key, value(p, p.next()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (Event x = p.next(); x != Event.END_ARRAY; x = p.next()) l.add(value(p, x));
                yield l;
            }
            case STRING -> p.text();
            case NUMBER -> number(p);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null; // NULL: the parser gives no other event where a value starts
        };
    }

    private static Object number(JsonParser p) throws JsonSyntaxException {
        String s = p.text();
        boolean integral = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
        if (integral && s.length() - (s.charAt(0) == '-' ? 1 : 0) <= 18) return Long.parseLong(s);
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) throw p.errorAtToken("number out of range");
        return d;
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
