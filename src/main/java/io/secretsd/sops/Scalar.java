package io.secretsd.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A typed leaf. {@code bytes} is the canonical plaintext form sops encrypts and MACs ({@code ToBytes}):
 * raw UTF-8 for str, decimal for int, Go's {@code FormatFloat(v,'f',-1,64)} for float, {@code True}/{@code False}
 * for bool, RFC 3339 with nanoseconds for time. The bytes may be a secret: they are never in {@link #toString()}.
 */
public record Scalar(ScalarType type, byte[] bytes) implements Value {
    public Scalar {
        if (type == ScalarType.COMMENT) throw new IllegalArgumentException("a comment is not a scalar");
        bytes = bytes.clone();
    }

    public static Scalar str(String s) {
        return new Scalar(ScalarType.STR, s.getBytes(StandardCharsets.UTF_8));
    }

    public static Scalar str(byte[] b) {
        return new Scalar(ScalarType.STR, b);
    }

    public static Scalar integer(long v) {
        return new Scalar(ScalarType.INT, Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    public static Scalar floating(double v) {
        return new Scalar(ScalarType.FLOAT, GoFloat.formatF(v).getBytes(StandardCharsets.US_ASCII));
    }

    public static Scalar bool(boolean v) {
        return new Scalar(ScalarType.BOOL, (v ? "True" : "False").getBytes(StandardCharsets.US_ASCII));
    }

    /** A time in sops' canonical form (see {@link GoTime#format}). */
    public static Scalar time(java.time.OffsetDateTime t) {
        return new Scalar(ScalarType.TIME, GoTime.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for code in this package that only reads them. */
    byte[] raw() {
        return bytes;
    }

    /** The canonical form as text (UTF-8). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public boolean isEmptyString() {
        return type == ScalarType.STR && bytes.length == 0;
    }

    public boolean boolValue() {
        return bytes.length == 4;
    }

    public long longValue() {
        return Long.parseLong(text());
    }

    public double doubleValue() {
        return GoFloat.parse(text());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scalar s && s.type == type && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Scalar[" + type.tag() + ", " + bytes.length + " bytes]";
    }
}
