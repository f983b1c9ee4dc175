package io.secretsd.manifest;

import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonSyntaxException;
import io.secretsd.json.JsonValues;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        try {
            return new JsonValues(JsonTree::number).build(text, MAX_DEPTH);
        } catch (JsonSyntaxException e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: " + e.getMessage(), null);
        }
    }

    private static Object number(JsonParser p) {
        if (!JsonValues.integral(p.text())) {
            return Double.parseDouble(p.text());
        }
        BigInteger n = new BigInteger(p.text());
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }
}
