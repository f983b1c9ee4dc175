package io.secretsd.sops;

import io.secretsd.json.JsonParser;
import io.secretsd.json.JsonBuilder;
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
        try {
            return (Mapping) new SopsTree().build(text, MAX_DEPTH);
        } catch (JsonSyntaxException e) {
            throw new SopsFormatException(file + ": invalid JSON at line " + e.line() + ": " + e.reason());
        }
    }

    /** Any JSON value ({@code sops set}'s VALUE argument); {@code where} names it in messages. */
    static Value parseValue(String text, String where) throws SopsFormatException {
        try {
            return new SopsTree().build(text, MAX_DEPTH);
        } catch (JsonSyntaxException e) {
            throw new SopsFormatException(where + ": not valid JSON: " + e.reason());
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) i++;
        return i;
    }

    /** The sops tree, keeping duplicate keys in order as sops does. */
    private record SopsTree() implements JsonBuilder<Value> {
        @Override
        public Value string(String s) {
            return Scalar.str(s);
        }

        @Override
        public Value number(JsonParser p) throws JsonSyntaxException {
            String n = p.text();
            try {
                return Scalar.integer(Long.parseLong(n));
            } catch (NumberFormatException e) {
                double d = Double.parseDouble(n);
                if (Double.isInfinite(d)) throw p.errorAtToken("number out of range");
                return Scalar.floating(d);
            }
        }

        @Override
        public Value bool(boolean b) {
            return Scalar.bool(b);
        }

        @Override
        public Value nul() {
            return Null.NULL;
        }

        @Override
        public Value array(List<Value> items) {
            return new Sequence(items);
        }

        @Override
        public Value object(List<String> keys, List<Value> values) {
            List<Mapping.Item> items = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) items.add(new Field(keys.get(i), values.get(i)));
            return new Mapping(items);
        }

        @Override
        public boolean keepsDuplicateKeys() {
            return true;
        }
    }
}
