package io.secretsd.json;

/**
 * A strict RFC 8259 pull parser over a whole text: {@link #next()} returns one {@link Event} at a time, with
 * the token's text ({@link #text()}: a string unescaped, a number as written) and position. It builds nothing,
 * so each reader (varlink messages, sops stores, manifests) makes its own tree, keeps key order, and decides
 * on duplicate keys and number types. Hand-written: a JSON library cost 80-240 ms at cold start.
 */
public final class JsonParser {
    /** What {@link #next()} found. */
    public enum Event { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, KEY, STRING, NUMBER, TRUE, FALSE, NULL, END }

    private enum Expect { ROOT, DONE, FIRST_KEY, KEY, COLON, FIRST_ITEM, ITEM, COMMA }

    private final String s;
    private final int maxDepth;
    private final boolean[] inObject;
    private int depth;
    private Expect expect = Expect.ROOT;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int tokenAt;
    private String text;

    /** A parser for one JSON value filling {@code s}, refusing containers nested deeper than maxDepth. */
    public JsonParser(String s, int maxDepth) {
        this.s = s;
        this.maxDepth = maxDepth;
        this.inObject = new boolean[maxDepth];
    }

    /** The next event; {@link Event#END} once the value is complete and only whitespace follows. */
    public Event next() throws JsonSyntaxException {
        skipSpace();
        tokenAt = pos;
        text = null;
        if (pos >= s.length()) {
            if (expect == Expect.DONE) return Event.END;
            throw error("unexpected end of input");
        }
        char c = s.charAt(pos);
        switch (expect) {
            case DONE -> throw error("trailing data after the value");
            case FIRST_KEY, KEY -> {
                if (c == '}' && expect == Expect.FIRST_KEY) return close();
                if (c != '"') throw error("expected a string key");
                text = string();
                expect = Expect.COLON;
                return Event.KEY;
            }
            case COLON -> {
                if (c != ':') throw error("expected ':'");
                pos++;
                expect = Expect.ITEM;
                return next();
            }
            case FIRST_ITEM -> {
                if (c == ']') return close();
                return value(c);
            }
            case COMMA -> {
                boolean object = inObject[depth - 1];
                if (c == (object ? '}' : ']')) return close();
                if (c != ',') throw error(object ? "expected ',' or '}'" : "expected ',' or ']'");
                pos++;
                expect = object ? Expect.KEY : Expect.ITEM;
                return next();
            }
            default -> {
                return value(c);
            }
        }
    }

    /** The current KEY or STRING unescaped, or the NUMBER's text as written; null for other events. */
    public String text() {
        return text;
    }

    /** Containers open around the current token. */
    public int depth() {
        return depth;
    }

    /** The UTF-16 offset where the current token starts. */
    public int offset() {
        return tokenAt;
    }

    /** An error placed at the start of the current token, for a reader's own rule (a duplicate key, say). */
    public JsonSyntaxException errorAtToken(String reason) {
        pos = tokenAt;
        return error(reason);
    }

    private Event value(char c) throws JsonSyntaxException {
        switch (c) {
            case '{', '[' -> {
                if (depth >= maxDepth) throw error("nested deeper than " + maxDepth + " levels");
                inObject[depth++] = c == '{';
                pos++;
                expect = c == '{' ? Expect.FIRST_KEY : Expect.FIRST_ITEM;
                return c == '{' ? Event.START_OBJECT : Event.START_ARRAY;
            }
            case '"' -> {
                text = string();
                return scalar(Event.STRING);
            }
            case 't' -> {
                return literal("true", Event.TRUE);
            }
            case 'f' -> {
                return literal("false", Event.FALSE);
            }
            case 'n' -> {
                return literal("null", Event.NULL);
            }
            default -> {
                if (c != '-' && !digit(c)) throw error("unexpected character " + describe(c));
                text = number();
                return scalar(Event.NUMBER);
            }
        }
    }

    private Event scalar(Event e) {
        expect = depth == 0 ? Expect.DONE : Expect.COMMA;
        return e;
    }

    private Event close() {
        pos++;
        depth--;
        Event e = inObject[depth] ? Event.END_OBJECT : Event.END_ARRAY;
        return scalar(e);
    }

    private Event literal(String word, Event e) throws JsonSyntaxException {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos >= s.length()) throw error("unexpected end of input");
            if (s.charAt(pos) != word.charAt(i)) throw error("unexpected character " + describe(s.charAt(pos)));
        }
        return scalar(e);
    }

    private String string() throws JsonSyntaxException {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c < 0x20) throw error("control character " + describe(c) + " in string");
            pos++;
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) throw error("unterminated string");
            char e = s.charAt(pos);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(hex4());
                default -> throw error("bad escape \\" + describe(e));
            }
            pos++;
        }
    }

    /** The four hex digits after the 'u' at pos; pos is left on the last one. A lone surrogate is kept as is. */
    private char hex4() throws JsonSyntaxException {
        if (pos + 4 >= s.length()) {
            pos = s.length();
            throw error("short \\u escape");
        }
        int v = 0;
        for (int i = 1; i <= 4; i++) {
            char c = s.charAt(pos + i);
            int d = digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                pos += i;
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private String number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            digits();
        }
        return s.substring(start, pos);
    }

    private void digits() throws JsonSyntaxException {
        if (!digit(peek())) throw error("malformed number");
        while (digit(peek())) pos++;
    }

    /** The character at pos, or NUL at the end (which no rule accepts where peek is used). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Newlines only occur between tokens (a string may not hold one raw), so lines are counted here. */
    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonSyntaxException error(String reason) {
        boolean atEnd = pos >= s.length();
        return new JsonSyntaxException(reason, Math.min(pos, s.length()), line, pos - lineStart + 1, atEnd);
    }
}
