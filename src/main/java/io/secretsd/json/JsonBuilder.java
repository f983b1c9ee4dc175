package io.secretsd.json;

import io.secretsd.json.JsonParser.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a reader's own tree from the parser's events: each reader says only how a value of each kind is made,
 * and whether it keeps duplicate keys (sops does, in order) or refuses them (parsers disagree on which wins).
 */
public interface JsonBuilder<V> {
    V string(String s);

    /** The NUMBER at the parser ({@link JsonParser#text()} is its text as written). */
    V number(JsonParser p) throws JsonSyntaxException;

    V bool(boolean b);

    V nul();

    V array(List<V> items);

    /** Members in order; keys.get(i) names values.get(i). */
    V object(List<String> keys, List<V> values);

    default boolean keepsDuplicateKeys() {
        return false;
    }

    /** The one value filling {@code text}, containers nested at most maxDepth deep. */
    default V build(String text, int maxDepth) throws JsonSyntaxException {
        JsonParser p = new JsonParser(text, maxDepth);
        V v = value(p, p.next());
        p.next(); // END, or trailing data
        return v;
    }

    /** Recursion is bounded by the parser's depth limit. */
    private V value(JsonParser p, Event e) throws JsonSyntaxException {
        return switch (e) {
            case START_OBJECT -> {
                List<String> keys = new ArrayList<>();
                List<V> values = new ArrayList<>();
                Set<String> seen = keepsDuplicateKeys() ? null : new HashSet<>();
                while (p.next() == Event.KEY) {
                    if (seen != null && !seen.add(p.text())) throw p.errorAtToken("duplicate key " + quote(p.text()));
                    keys.add(p.text());
                    values.add(value(p, p.next()));
                }
                yield object(keys, values);
            }
            case START_ARRAY -> {
                List<V> items = new ArrayList<>();
                for (Event x = p.next(); x != Event.END_ARRAY; x = p.next()) items.add(value(p, x));
                yield array(items);
            }
            case STRING -> string(p.text());
            case NUMBER -> number(p);
            case TRUE -> bool(true);
            case FALSE -> bool(false);
            default -> nul(); // NULL: the parser gives no other event where a value starts
        };
    }

    /** A key for an error message: cut short, escaped as JSON so that control characters show. */
    private static String quote(String key) {
        StringBuilder b = new StringBuilder();
        JsonEscape.quote(b, key.length() > 80 ? key.substring(0, 80) + "…" : key, c -> false);
        return b.toString();
    }
}
