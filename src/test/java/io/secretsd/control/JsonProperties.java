package io.secretsd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonProperties {
    @Property(tries = 2000)
    void anyTextParsesOrGivesAProtocolException(@ForAll("jsonish") String text) {
        try {
            Json.parse(text);
        } catch (ProtocolException expected) {
            // the only way to fail
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]\":,-+.eE0123456789tfnrulas\\u \t\n\u0000\u00e9\ud83d\ude00").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(60));
    }

    @Property(tries = 500)
    void writtenObjectsParseBack(@ForAll("objects") Map<String, Object> value) throws ProtocolException {
        String text = Json.write(value);
        assertEquals(-1, text.indexOf('\0'), "NUL ends a varlink message and must never appear in one");
        assertEquals(value, Json.parse(text));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L).map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> list = leaf.list().ofMaxSize(4).map(l -> (Object) List.copyOf(l));
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), Arbitraries.oneOf(leaf, list)).ofMaxSize(6)
                .map(LinkedHashMap::new);
    }

    @Property(tries = 1000)
    void timesReadBackExactly(@ForAll("instants") java.time.Instant t) throws ProtocolException {
        assertEquals(t, Wire.utc(t.toString()));
    }

    @Provide
    Arbitrary<java.time.Instant> instants() {
        return Arbitraries.longs().between(0, 253402300799L).flatMap(sec -> Arbitraries.of(0, 1, 7, 123_000_000, 123_456_000, 123_456_789, 999_999_999)
                .map(ns -> java.time.Instant.ofEpochSecond(sec, ns)));
    }

    @net.jqwik.api.Example
    void otherTimeFormsAreLeftToJavaTime() {
        org.junit.jupiter.api.Assertions.assertNull(Wire.utc("2026-11-28T22:00:00+01:00"));
        org.junit.jupiter.api.Assertions.assertNull(Wire.utc("2026-13-28T22:00:00Z"));
        org.junit.jupiter.api.Assertions.assertNull(Wire.utc("2026-02-30T22:00:00Z"));
        org.junit.jupiter.api.Assertions.assertNull(Wire.utc("2026-11-28T22:00:00.Z"));
    }
}
