package io.secretsd.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonParserProperties {
    /** Reads a whole text as the readers do, keeping each number's text. */
    static Object read(String text, int maxDepth) throws JsonSyntaxException {
        return new JsonValues(p -> new Num(p.text())).build(text, maxDepth);
    }

    /** A number as written, so the round trip checks the text is kept exactly. */
    record Num(String text) {}

    @Property(tries = 3000)
    void anyTextParsesOrGivesTheTypedException(@ForAll("jsonish") String text) {
        try {
            read(text, 8);
        } catch (JsonSyntaxException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
            assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
            assertEquals(e.atEnd(), e.offset() == text.length(), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60)
                        .withChars("{}[]\":,-+.eE0123456789abcdefABCDEFtrulsn\\/u")
                        .withChars(" \t\r\n\u0000\u00e9\ud83d\ude00\ufeff"),
                Arbitraries.strings().ofMaxLength(60),
                jsonValues().map(v -> cut(write(v))));
    }

    /** Valid JSON with one character dropped somewhere: the near misses a fuzzer rarely reaches alone. */
    private static String cut(String s) {
        return s.length() < 2 ? s : s.substring(0, s.length() / 2) + s.substring(s.length() / 2 + 1);
    }

    @Property(tries = 1000)
    void writtenValuesReadBack(@ForAll("jsonValues") Object v) throws JsonSyntaxException {
        assertEquals(v, read(write(v), 100));
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        Arbitrary<Object> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
                Arbitraries.of("0", "-0", "1e5", "1E+5", "-2.5e-3", "123456789012345678901234567890", "0.0"))
                .map(Num::new);
        Arbitrary<Object> leaves = Arbitraries.oneOf(numbers, Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(8).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast));
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), inner).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m))), 0, 4);
    }

    /** Every string escaped as \\uXXXX beyond ASCII, so surrogate pairs go through the escape path too. */
    static String write(Object v) {
        return switch (v) {
            case null -> "null";
            case Num n -> n.text();
            case String s -> {
                StringBuilder b = new StringBuilder();
                JsonEscape.quote(b, s, c -> c > 0x7e);
                yield b.toString();
            }
            case List<?> l -> l.stream().map(JsonParserProperties::write).collect(Collectors.joining(" ,\n", "[ ", "]"));
            case Map<?, ?> m -> m.entrySet().stream().map(e -> write(e.getKey()) + "\t: " + write(e.getValue()))
                    .collect(Collectors.joining(",", "{\r\n", " }"));
            default -> v.toString();
        };
    }

    @Example
    void refusesWhatRfc8259Refuses() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "-", "1e", "NaN",
                "\"\\x\"", "\"\\u12\"", "\"\\u٠٠٤١\"", "\"a\nb\"",
                "{a:1}", "{\"a\" 1}", "[1 2]", "tru", "\ufeff{}", "{} x", "[]]")) {
            assertThrows(JsonSyntaxException.class, () -> read(bad, 8), bad);
        }
    }

    @Example
    void depthAndPositions() throws JsonSyntaxException {
        read("[".repeat(8) + "]".repeat(8), 8);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> read("[".repeat(9) + "]".repeat(9), 8));
        assertEquals("nested deeper than 8 levels at line 1, column 9", e.getMessage());
        e = assertThrows(JsonSyntaxException.class, () -> read("{\n  \"a\": [1,\n  2,,]}", 8));
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertEquals("unexpected character ','", e.reason());
        assertEquals("\ud83d\ude00", read("\"\\ud83d\\uDE00\"", 1));
        e = assertThrows(JsonSyntaxException.class, () -> read("{\"a\":1,\n \"a\":2}", 8));
        assertEquals("duplicate key \"a\" at line 2, column 2", e.getMessage());
    }
}
