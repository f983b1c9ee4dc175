package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flat metadata form of the dotenv and INI stores ({@code stores/flatten.go}): nesting becomes
 * {@code __map_<key>} and {@code __list_<i>}, newlines become the two characters {@code \n}.
 */
final class Flatten {
    private Flatten() {}

    static final String MAP = "__map_";
    static final String LIST = "__list_";

    /** Flattens a metadata mapping; values are strings with newlines escaped, keys sorted. */
    static Map<String, String> flatten(Mapping metadata) {
        Map<String, String> out = new TreeMap<>();
        for (Field f : metadata.fields()) put(out, f.key(), f.value());
        return out;
    }

    private static void put(Map<String, String> out, String prefix, Value v) {
        switch (v) {
            case Mapping m -> { for (Field f : m.fields()) put(out, prefix + MAP + f.key(), f.value()); }
            case Sequence q -> {
                int i = 0;
                for (Value x : q.items()) if (!(x instanceof Comment)) put(out, prefix + LIST + i++, x);
            }
            case Scalar s -> out.put(prefix, escape(s.type() == ScalarType.BOOL ? (s.boolValue() ? "true" : "false") : s.text()));
            case Null n -> { }
            case Comment c -> { }
        }
    }

    static String escape(String s) {
        return s.replace("\n", "\\n");
    }

    static String unescape(String s) {
        return s.replace("\\n", "\n");
    }

    /** Rebuilds the nested metadata from flat keys (values already unescaped). */
    static Mapping unflatten(Map<String, String> flat, String file) throws SopsFormatException {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) insert(root, e.getKey(), e.getValue(), file);
        return (Mapping) toValue(root);
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, String key, String value, String file) throws SopsFormatException {
        List<Object> steps = new ArrayList<>(); // String for a map key, Integer for a list index
        int i = 0;
        int next = nextMarker(key, 0);
        steps.add(key.substring(0, next));
        i = next;
        while (i < key.length()) {
            if (key.startsWith(MAP, i)) {
                int start = i + MAP.length();
                int end = nextMarker(key, start);
                steps.add(key.substring(start, end));
                i = end;
            } else {
                int start = i + LIST.length();
                int end = nextMarker(key, start);
                try {
                    steps.add(Integer.parseInt(key.substring(start, end)));
                } catch (NumberFormatException ex) {
                    throw new SopsFormatException(file + ": bad list index in metadata key " + key);
                }
                i = end;
            }
        }
        Object node = root;
        for (int s = 0; s < steps.size(); s++) {
            Object step = steps.get(s);
            boolean last = s == steps.size() - 1;
            Object child = last ? value : (steps.get(s + 1) instanceof Integer ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>());
            if (step instanceof String k) {
                if (!(node instanceof LinkedHashMap)) throw conflict(file, key);
                Map<String, Object> m = (Map<String, Object>) node;
                Object existing = m.get(k);
                if (existing == null) m.put(k, child);
                else if (last || existing.getClass() != child.getClass()) throw conflict(file, key);
                else child = existing;
            } else {
                if (!(node instanceof TreeMap)) throw conflict(file, key);
                Map<Integer, Object> m = (Map<Integer, Object>) node;
                Object existing = m.get((Integer) step);
                if (existing == null) m.put((Integer) step, child);
                else if (last || existing.getClass() != child.getClass()) throw conflict(file, key);
                else child = existing;
            }
            node = child;
        }
    }

    private static SopsFormatException conflict(String file, String key) {
        return new SopsFormatException(file + ": conflicting metadata key " + key);
    }

    private static int nextMarker(String key, int from) {
        int a = key.indexOf(MAP, from), b = key.indexOf(LIST, from);
        if (a < 0) a = key.length();
        if (b < 0) b = key.length();
        return Math.min(a, b);
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Object o) {
        if (o instanceof String s) return Scalar.str(s);
        if (o instanceof TreeMap<?, ?> t) {
            List<Value> items = new ArrayList<>();
            for (Object x : t.values()) items.add(toValue(x));
            return new Sequence(items);
        }
        List<Mapping.Item> items = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) o).entrySet()) items.add(new Field(e.getKey(), toValue(e.getValue())));
        return new Mapping(items);
    }
}
