package io.secretsd.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Selecting one value of a decrypted tree: sops' {@code --extract '["a"][0]'} and sops-nix's {@code key: a/b/c}. */
public final class Extract {
    private Extract() {}

    private static final Pattern INDEX = Pattern.compile("\\[([^\\]]+)\\]");

    /** Parses {@code ["a"]["b"][0]}: quoted parts are mapping keys, bare integers list indexes. */
    public static List<Object> parsePath(String expr) throws ExtractException {
        List<Object> out = new ArrayList<>();
        Matcher m = INDEX.matcher(expr);
        int end = 0;
        while (m.find()) {
            if (m.start() != end) throw new ExtractException("invalid --extract path: unexpected text at offset " + end);
            String p = m.group(1).strip();
            if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
                out.add(p.substring(1, p.length() - 1));
            } else {
                try {
                    out.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new ExtractException("invalid --extract path: " + p + " is neither a quoted key nor an index");
                }
            }
            end = m.end();
        }
        if (end != expr.length()) throw new ExtractException("invalid --extract path: unexpected text at offset " + end);
        return out;
    }

    /** The value at {@code path} (keys and indexes) in the first branch. */
    public static Value at(Document doc, List<Object> path) throws ExtractException {
        if (doc.branches().isEmpty()) throw new ExtractException("the file has no documents");
        Value v = doc.branches().getFirst();
        StringBuilder where = new StringBuilder();
        for (Object step : path) {
            where.append('[').append(step instanceof String s ? '"' + s + '"' : step).append(']');
            if (step instanceof String key) {
                if (!(v instanceof Mapping m)) throw new ExtractException("component " + where + " is not in a mapping");
                v = m.get(key);
                if (v == null) throw new ExtractException("component " + where + " not found");
            } else {
                int i = (Integer) step;
                if (!(v instanceof Sequence q)) throw new ExtractException("component " + where + " is not in a list");
                List<Value> items = q.items().stream().filter(x -> !(x instanceof Comment)).toList();
                if (i < 0 || i >= items.size()) throw new ExtractException("index " + where + " out of range");
                v = items.get(i);
            }
        }
        return v;
    }

    /**
     * sops-nix's lookup: {@code key} split on {@code /}, every step a mapping, the leaf a string; returns its
     * bytes (caller wipes).
     */
    public static byte[] sopsNixKey(Document doc, String key) throws ExtractException {
        if (doc.branches().isEmpty()) throw new ExtractException("the key '" + key + "' cannot be found");
        Value v = doc.branches().getFirst();
        String[] parts = key.split("/", -1);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) prefix.append('/');
            prefix.append(parts[i]);
            if (!(v instanceof Mapping m)) throw new ExtractException("key '" + prefix.substring(0, Math.max(0, prefix.length() - parts[i].length() - 1)) + "' does not refer to a dictionary");
            v = m.get(parts[i]);
            if (v == null) throw new ExtractException("the key '" + prefix + "' cannot be found");
        }
        if (!(v instanceof Scalar s) || s.type() != ScalarType.STR) throw new ExtractException("the value of key '" + key + "' is not a string");
        return s.bytes();
    }
}
