package io.secretsd.sops;

import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonParser.Event;
import io.secretsd.json.JsonSyntaxException;
import io.secretsd.sops.Mapping.Field;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the sops tree from JSON, keeping key order and duplicate keys (sops reads JSON token by token).
 * Numbers that fit an int64 are ints, others floats (sops 3.13.2, #2222).
 */
final class JsonReader {
    private static final int MAX_DEPTH = 1000;

    private JsonReader() {}

    static Mapping parseObject(byte[] in, String file) throws SopsFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(in)).toString();
        } catch (CharacterCodingException e) {
            throw new SopsFormatException(file + ": not UTF-8");
        }
        int i = skipSpace(text, 0);
        if (i < text.length() && text.charAt(i) == '\uFEFF') {
            // sops accepts a byte order mark; a space in its place keeps every position
            text = text.substring(0, i) + ' ' + text.substring(i + 1);
            i = skipSpace(text, i);
        }
        if (i >= text.length() || text.charAt(i) != '{')
            throw new SopsFormatException(file + ": sops only supports JSON files with a top-level object");
        JsonParser p = new JsonParser(text, MAX_DEPTH);
        try {
            Value v = value(p, p.next());
            p.next(); // END, or trailing data
            return (Mapping) v;
        } catch (JsonSyntaxException e) {
            throw new SopsFormatException(file + ": invalid JSON at line " + e.line() + ": " + e.reason());
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        return i;
    }

    private static Value value(JsonParser p, Event e) throws JsonSyntaxException {
        return switch (e) {
            case START_OBJECT -> {
                List<Mapping.Item> items = new ArrayList<>();
                while (p.next() == Event.KEY) {
                    String key = p.text();
                    items.add(new Field(key, value(p, p.next())));
                }
                yield new Mapping(items);
            }
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                for (Event x = p.next(); x != Event.END_ARRAY; x = p.next()) items.add(value(p, x));
                yield new Sequence(items);
            }
            case STRING -> Scalar.str(p.text());
            case NUMBER -> number(p);
            case TRUE -> Scalar.bool(true);
            case FALSE -> Scalar.bool(false);
            default -> Null.NULL; // NULL: the parser gives no other event where a value starts
        };
    }

    private static Scalar number(JsonParser p) throws JsonSyntaxException {
        String n = p.text();
        try {
            return Scalar.integer(Long.parseLong(n));
        } catch (NumberFormatException e) {
            double d = Double.parseDouble(n);
            if (Double.isInfinite(d)) throw p.errorAtToken("number out of range");
            return Scalar.floating(d);
        }
    }
}
