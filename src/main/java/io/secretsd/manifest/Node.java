package io.secretsd.manifest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object being bound, with its JSON path; every mistyped field adds a {@link Problem} and yields
 * the default, so that one pass reports everything wrong.
 */
final class Node {
    private final Map<String, Object> map;
    private final String path;
    private final List<Problem> problems;

    Node(Map<String, Object> map, String path, List<Problem> problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(new Problem(at(field), message));
    }

    /** Absent and {@code null} both mean "not set" (Go decodes null to the zero value). */
    boolean isSet(String field) {
        return map.get(field) != null;
    }

    Optional<String> optString(String field) {
        Object v = map.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        problem(field, "expected a string, got " + describe(v));
        return Optional.empty();
    }

    String string(String field, String dflt) {
        return optString(field).orElse(dflt);
    }

    boolean bool(String field, boolean dflt) {
        Object v = map.get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problem(field, "expected true or false, got " + describe(v));
        return dflt;
    }

    /** A whole number in [min, max]. */
    long integer(String field, long dflt, long min, long max) {
        Object v = map.get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            BigInteger b = n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
            if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
                problem(field, number(b.toString()) + " is out of range [" + min + ", " + max + "]");
                return dflt;
            }
            return b.longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && d >= min && d <= max) {
            return d.longValue(); // JSON writers may spell 1 as 1.0
        }
        problem(field, "expected a whole number, got " + describe(v));
        return dflt;
    }

    List<String> strings(String field) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problem(field, "expected a list of strings, got " + describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                problems.add(new Problem(at(field) + "[" + i + "]", "expected a string, got " + describe(list.get(i))));
            }
        }
        return out;
    }

    /** The elements of a list of objects, each as a Node with path {@code field[i]}. */
    List<Node> objects(String field) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problem(field, "expected a list of objects, got " + describe(v));
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = at(field) + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> m) {
                out.add(new Node(cast(m), p, problems));
            } else {
                problems.add(new Problem(p, "expected an object, got " + describe(list.get(i))));
            }
        }
        return out;
    }

    Optional<Node> object(String field) {
        Object v = map.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> m) {
            return Optional.of(new Node(cast(m), at(field), problems));
        }
        problem(field, "expected an object, got " + describe(v));
        return Optional.empty();
    }

    Map<String, Object> raw() {
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "a string " + quote(s);
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Number n) {
            return "the number " + number(n.toString());
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return v.getClass().getSimpleName();
    }

    /** A JSON-style quoted string, cut short so that a huge value does not flood the report. */
    /** A number's text as an error echoes it: a huge one clipped, so that the error stays one short line. */
    static String number(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "… (" + text.length() + " characters)";
    }

    static String quote(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder("\"");
        for (char c : cut.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
