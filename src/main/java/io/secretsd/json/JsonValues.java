package io.secretsd.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values: objects as {@code LinkedHashMap<String, Object>} in document order (duplicate keys
 * refused), arrays as {@code ArrayList}, strings, booleans and null; numbers as the reader chooses.
 */
public record JsonValues(Numbers numbers) implements JsonBuilder<Object> {
    /** The Java value of the NUMBER at the parser. */
    @FunctionalInterface
    public interface Numbers {
        Object read(JsonParser p) throws JsonSyntaxException;
    }

    /** Whether a number's text has a fraction or an exponent. */
    public static boolean integral(String number) {
        return number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
    }

    @Override
    public Object string(String s) {
        return s;
    }

    @Override
    public Object number(JsonParser p) throws JsonSyntaxException {
        return numbers.read(p);
    }

    @Override
    public Object bool(boolean b) {
        return b;
    }

    @Override
    public Object nul() {
        return null;
    }

    @Override
    public Object array(List<Object> items) {
        return items;
    }

    @Override
    public Object object(List<String> keys, List<Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i), values.get(i));
        return m;
    }
}
