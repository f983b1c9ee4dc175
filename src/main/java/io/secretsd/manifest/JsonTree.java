package io.secretsd.manifest;

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
 * Boolean, null). Hand-written rather than a library because a manifest is read at boot by a cold JVM: this
 * loads one class, where a streaming library's factory alone cost ~100 ms cold. Duplicate keys are refused
 * (parsers disagree on which one wins) and nesting is bounded; every error names its line and column.
 */
final class JsonTree {
    private static final int MAX_DEPTH = 64;

    private final String s;
    private final String source;
    private int pos;

    private JsonTree(String s, String source) {
        this.s = s;
        this.source = source;
    }

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
        JsonTree p = new JsonTree(text, source);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error("empty document");
        }
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing data after the manifest");
        }
        return v;
    }

    private Object value(int depth) throws ManifestSyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= s.length()) {
            throw error("unexpected end of input");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> {
                return object(depth);
            }
            case '[' -> {
                return array(depth);
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                return literal("true", Boolean.TRUE);
            }
            case 'f' -> {
                return literal("false", Boolean.FALSE);
            }
            case 'n' -> {
                return literal("null", null);
            }
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected character " + describe(c));
            }
        }
    }

    private Map<String, Object> object(int depth) throws ManifestSyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key " + Node.quote(key));
            }
            map.put(key, v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws ManifestSyntaxException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws ManifestSyntaxException {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character " + describe(c) + " in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("short \\u escape");
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    pos += 4;
                    b.append((char) v);
                }
                default -> {
                    pos--;
                    throw error("bad escape \\" + describe(e));
                }
            }
        }
    }

    private Object number() throws ManifestSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digit(peek())) {
            while (digit(peek())) {
                pos++;
            }
        } else {
            throw error("malformed number");
        }
        boolean whole = true;
        if (peek() == '.') {
            whole = false;
            pos++;
            if (!digit(peek())) {
                throw error("malformed number");
            }
            while (digit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            whole = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digit(peek())) {
                throw error("malformed number");
            }
            while (digit(peek())) {
                pos++;
            }
        }
        String text = s.substring(start, pos);
        if (!whole) {
            return Double.parseDouble(text);
        }
        BigInteger n = new BigInteger(text);
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }

    private Object literal(String word, Object value) throws ManifestSyntaxException {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected character " + describe(s.charAt(pos)));
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws ManifestSyntaxException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The character at pos, or NUL at the end (which no rule accepts where peek is used). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private ManifestSyntaxException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        String at = pos >= s.length() ? " at the end of input" : " at line " + line + ", column " + col;
        return new ManifestSyntaxException(source, "failed to parse manifest: " + message + at, null);
    }
}
