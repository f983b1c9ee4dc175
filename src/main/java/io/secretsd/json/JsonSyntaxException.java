package io.secretsd.json;

/**
 * Text that is not RFC 8259 JSON, or that passes a limit. Carries where: the UTF-16 offset, line and column
 * (both from 1) of the offending character, or {@link #atEnd()} when the input ran out. The message never
 * quotes the input beyond one character, since a JSON document may hold secrets.
 */
public final class JsonSyntaxException extends Exception {
    private final String reason;
    private final int offset;
    private final int line;
    private final int column;
    private final boolean atEnd;

    JsonSyntaxException(String reason, int offset, int line, int column, boolean atEnd) {
        super(reason + (atEnd ? " at the end of input" : " at line " + line + ", column " + column));
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.atEnd = atEnd;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public boolean atEnd() {
        return atEnd;
    }
}
