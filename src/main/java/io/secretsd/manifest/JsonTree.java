package io.secretsd.manifest;

import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonParser.Event;
import io.secretsd.json.JsonSyntaxException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads RFC 8259 JSON into plain Java values (LinkedHashMap, ArrayList, String, Long/BigInteger, Double,
 * Boolean, null), built on the shared {@link JsonParser} (no library: a manifest is read at boot by a cold
 * JVM). Duplicate keys are refused (parsers disagree on which one wins) and nesting is bounded; every error
 * names its line and column.
 */
final class JsonTree {
    private static final int MAX_DEPTH = 64;

    private JsonTree() {}

    static Object parse(byte[] bytes, String source) throws ManifestSyntaxException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: not UTF-8", e);
        }
        JsonParser p = new JsonParser(text, MAX_DEPTH);
        try {
            Object v = value(p, p.next());
            p.next(); // END, or trailing data
            return v;
        } catch (JsonSyntaxException e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: " + e.getMessage(), null);
        }
    }

    private static Object value(JsonParser p, Event e) throws JsonSyntaxException {
        return switch (e) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.next() == Event.KEY) {
                    String key = p.text();
                    if (map.containsKey(key)) throw p.errorAtToken("duplicate key " + Node.quote(key));
                    map.put(key, value(p, p.next()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Event x = p.next(); x != Event.END_ARRAY; x = p.next()) list.add(value(p, x));
                yield list;
            }
            case STRING -> p.text();
            case NUMBER -> number(p.text());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null; // NULL: the parser gives no other event where a value starts
        };
    }

    private static Object number(String text) {
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return Double.parseDouble(text);
        }
        BigInteger n = new BigInteger(text);
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }
}
