package io.secretsd.sops;

import io.secretsd.json.JsonEscape;
import io.secretsd.sops.Mapping.Field;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes JSON as sops does: Go's {@code json.Marshal} for leaves (HTML characters escaped), then
 * {@code json.Indent} with a tab; comments are dropped.
 */
final class JsonWriter {
    private final StringBuilder b = new StringBuilder();
    private final String indent;

    private JsonWriter(String indent) {
        this.indent = indent;
    }

    static String write(Value v) throws SopsFormatException {
        return write(v, "\t");
    }

    /** With {@code indent} as one level (a tab by default, or spaces from {@code stores.json.indent}). */
    static String write(Value v, String indent) throws SopsFormatException {
        JsonWriter w = new JsonWriter(indent);
        w.value(v, 0);
        return w.b.toString();
    }

    private void newline(int level) {
        b.append('\n');
        for (int i = 0; i < level; i++) b.append(indent);
    }

    private void value(Value v, int level) throws SopsFormatException {
        switch (v) {
            case Mapping m -> {
                List<Field> fields = m.fields();
                if (fields.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) b.append(',');
                    newline(level + 1);
                    string(fields.get(i).key());
                    b.append(": ");
                    value(fields.get(i).value(), level + 1);
                }
                newline(level);
                b.append('}');
            }
            case Sequence q -> {
                List<Value> items = new ArrayList<>();
                for (Value x : q.items()) if (!(x instanceof Comment)) items.add(x);
                if (items.isEmpty()) {
                    b.append("[]");
                    return;
                }
                b.append('[');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) b.append(',');
                    newline(level + 1);
                    value(items.get(i), level + 1);
                }
                newline(level);
                b.append(']');
            }
            case Null n -> b.append("null");
            case Comment c -> { }
            case Scalar s -> scalar(s);
        }
    }

    private void scalar(Scalar s) throws SopsFormatException {
        switch (s.type()) {
            case STR -> string(decode(s.raw()));
            case INT -> b.append(s.text());
            case FLOAT -> {
                double d = s.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new SopsFormatException("json: unsupported float value " + s.text());
                b.append(GoFloat.formatJson(d));
            }
            case BOOL -> b.append(s.boolValue() ? "true" : "false");
            case TIME -> string(s.text());
            case BYTES -> string(Base64.getEncoder().encodeToString(s.raw()));
            case COMMENT -> { }
        }
    }

    static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void string(String s) {
        JsonEscape.quote(b, s, c -> c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029');
    }
}
