package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON reader that keeps key order and duplicate keys (sops reads JSON token by token). Numbers that
 * fit an int64 are ints, others floats (sops 3.13.2, #2222).
 */
final class JsonReader {
    private static final int MAX_DEPTH = 1000;
    private final String s;
    private final String file;
    private int pos;
    private int depth;

    private JsonReader(String s, String file) {
        this.s = s;
        this.file = file;
    }

    static Mapping parseObject(byte[] in, String file) throws SopsFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(in)).toString();
        } catch (CharacterCodingException e) {
            throw new SopsFormatException(file + ": not UTF-8");
        }
        JsonReader r = new JsonReader(text, file);
        r.ws();
        if (r.pos < text.length() && text.charAt(r.pos) == '\uFEFF') r.pos++;
        r.ws();
        if (r.pos >= text.length() || text.charAt(r.pos) != '{')
            throw new SopsFormatException(file + ": sops only supports JSON files with a top-level object");
        Value v = r.value();
        r.ws();
        if (r.pos != text.length()) throw r.err("unexpected data after the top-level object");
        return (Mapping) v;
    }

    private SopsFormatException err(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, s.length()); i++) if (s.charAt(i) == '\n') line++;
        return new SopsFormatException(file + ": invalid JSON at line " + line + ": " + what);
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
            else break;
        }
    }

    private Value value() throws SopsFormatException {
        ws();
        if (pos >= s.length()) throw err("unexpected end of input");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return Scalar.str(string());
            case 't': literal("true"); return Scalar.bool(true);
            case 'f': literal("false"); return Scalar.bool(false);
            case 'n': literal("null"); return Null.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw err("unexpected character");
        }
    }

    private void literal(String word) throws SopsFormatException {
        if (!s.startsWith(word, pos)) throw err("invalid literal");
        pos += word.length();
    }

    private Mapping object() throws SopsFormatException {
        if (++depth > MAX_DEPTH) throw err("nested too deeply");
        pos++;
        List<Mapping.Item> items = new ArrayList<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            depth--;
            return new Mapping(items);
        }
        while (true) {
            ws();
            if (pos >= s.length() || s.charAt(pos) != '"') throw err("expected an object key");
            String key = string();
            ws();
            if (pos >= s.length() || s.charAt(pos) != ':') throw err("expected ':'");
            pos++;
            items.add(new Field(key, value()));
            ws();
            if (pos >= s.length()) throw err("unexpected end of input");
            char c = s.charAt(pos++);
            if (c == '}') break;
            if (c != ',') throw err("expected ',' or '}'");
        }
        depth--;
        return new Mapping(items);
    }

    private Sequence array() throws SopsFormatException {
        if (++depth > MAX_DEPTH) throw err("nested too deeply");
        pos++;
        List<Value> items = new ArrayList<>();
        ws();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            depth--;
            return new Sequence(items);
        }
        while (true) {
            items.add(value());
            ws();
            if (pos >= s.length()) throw err("unexpected end of input");
            char c = s.charAt(pos++);
            if (c == ']') break;
            if (c != ',') throw err("expected ',' or ']'");
        }
        depth--;
        return new Sequence(items);
    }

    private String string() throws SopsFormatException {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw err("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return b.toString();
            if (c < 0x20) throw err("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) throw err("unterminated string");
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) throw err("bad \\u escape");
                    int cp;
                    try {
                        cp = Integer.parseInt(s.substring(pos, pos + 4), 16);
                    } catch (NumberFormatException ex) {
                        throw err("bad \\u escape");
                    }
                    if (s.charAt(pos) == '+' || s.charAt(pos) == '-') throw err("bad \\u escape");
                    pos += 4;
                    b.append((char) cp);
                }
                default -> throw err("bad escape");
            }
        }
    }

    private Scalar number() throws SopsFormatException {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        if (pos >= s.length()) throw err("bad number");
        if (s.charAt(pos) == '0') pos++;
        else if (s.charAt(pos) >= '1' && s.charAt(pos) <= '9') while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) pos++;
        else throw err("bad number");
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            int d = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            if (d == pos) throw err("bad number");
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            int d = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            if (d == pos) throw err("bad number");
        }
        String n = s.substring(start, pos);
        try {
            return Scalar.integer(Long.parseLong(n));
        } catch (NumberFormatException e) {
            double d = Double.parseDouble(n);
            if (Double.isInfinite(d)) throw err("number out of range");
            return Scalar.floating(d);
        }
    }
}
