package io.secretsd.control;

import io.secretsd.json.JsonEscape;
import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonSyntaxException;
import io.secretsd.json.JsonValues;
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
        try {
            return new JsonValues(Json::number).build(text, MAX_DEPTH);
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

    private static Object number(JsonParser p) throws JsonSyntaxException {
        String s = p.text();
        if (JsonValues.integral(s) && s.length() - (s.charAt(0) == '-' ? 1 : 0) <= 18) return Long.parseLong(s);
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

    static void quote(StringBuilder b, String s) {
        // NUL ends a varlink message, so it and every control character is escaped.
        JsonEscape.quote(b, s, c -> c == 0x7f);
    }
}
