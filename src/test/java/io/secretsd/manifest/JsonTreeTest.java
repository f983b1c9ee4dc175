package io.secretsd.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written JSON reader: RFC 8259 accepted, everything else refused with a position. */
class JsonTreeTest {
    static Object parse(String s) throws ManifestSyntaxException {
        return JsonTree.parse(s.getBytes(StandardCharsets.UTF_8), "t.json");
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2L, 1.5, -0.25e2, true, false, null, "x\"\\/\b\f\n\r\t\u00e9\ud83d\ude00"));
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("o", Map.of());
        expected.put("l", List.of());
        assertEquals(expected, parse(" {\"a\":[1,-2,1.5,-0.25e2,true,false,null,"
                + "\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"],\r\n\t\"big\":123456789012345678901234567890,"
                + "\"o\":{},\"l\":[]} "));
    }

    @Test
    void refusals() {
        for (String bad : List.of("", " ", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
                "{\"a\":.5}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":\"x\ny\"}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{a:1}", "\ufeff{}", "{} x", "{\"a\":tru}",
                "{\"a\":1,\"a\":2}", "[".repeat(100) + "]".repeat(100), "\"unterminated")) {
            ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().contains(" at "), e.getMessage());
        }
        assertThrows(ManifestSyntaxException.class,
                () -> JsonTree.parse(new byte[] {'"', (byte) 0xff, '"'}, "t.json"));
    }

    @Test
    void errorsSayWhere() {
        ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class, () -> parse("{\n  \"a\": [1,\n  2,,]}"));
        assertEquals("t.json: failed to parse manifest: unexpected character ',' at line 3, column 5", e.getMessage());
    }

    @Property(tries = 300)
    void writtenJsonReadsBack(@ForAll("jsonValues") Object v) throws Exception {
        assertEquals(v, parse(write(v)));
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        return jsonValues(4);
    }

    /**
     * Values nested at most {@code depth} deep. An unbounded lazyOf recursion grew, once in a while, a tree
     * that took minutes and gigabytes to generate.
     */
    private static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(x -> (Object) x),
                Arbitraries.longs().map(x -> (Object) x),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = jsonValues(depth - 1);
        return Arbitraries.oneOf(scalar,
                inner.list().ofMaxSize(4).map(x -> (Object) new ArrayList<>(x)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), inner).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m)));
    }

    static String write(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(write(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(write(k) + " : " + write(x)));
            return "{\n" + String.join(",\n", parts) + "\n}";
        }
        return v.toString();
    }
}
