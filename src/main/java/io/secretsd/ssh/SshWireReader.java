package io.secretsd.ssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encoding (RFC 4251 §5: uint32, string, mpint) from a byte array, naming the field
 * in every error. {@code where} prefixes field names, e.g. "openssh-key-v1 private section".
 */
final class SshWireReader {
    private final byte[] data;
    private final String where;
    private int pos;

    SshWireReader(byte[] data, String where) {
        this.data = data;
        this.where = where;
    }

    int remaining() {
        return data.length - pos;
    }

    boolean atEnd() {
        return pos == data.length;
    }

    long uint32(String field) throws MalformedKeyException {
        need(4, field);
        long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] string(String field) throws MalformedKeyException {
        long len = uint32(field + " length");
        if (len > remaining()) {
            throw malformed(field, "length " + len + " exceeds the " + remaining() + " bytes left");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) len);
        pos += (int) len;
        return out;
    }

    /** A string that must be UTF-8 text (key type names, cipher names, comments). */
    String text(String field) throws MalformedKeyException {
        byte[] b = string(field);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed(field, "not valid UTF-8");
        }
    }

    /** An mpint that must be positive (RFC 4251 two's complement, so a set top bit means negative). */
    BigInteger positiveMpint(String field) throws MalformedKeyException {
        byte[] b = string(field);
        try {
            if (b.length == 0) throw malformed(field, "is zero");
            if ((b[0] & 0x80) != 0) throw malformed(field, "is negative");
            BigInteger v = new BigInteger(1, b);
            if (v.signum() == 0) throw malformed(field, "is zero");
            return v;
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    byte[] bytes(int n, String field) throws MalformedKeyException {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return out;
    }

    void expectEnd(String what) throws MalformedKeyException {
        if (!atEnd()) throw malformed(what, remaining() + " unexpected trailing bytes");
    }

    MalformedKeyException malformed(String field, String problem) {
        return new MalformedKeyException(where + " " + field, problem);
    }

    private void need(int n, String field) throws MalformedKeyException {
        if (remaining() < n) throw malformed(field, "truncated (" + n + " bytes needed, " + remaining() + " left)");
    }

    /** A name read from a file, made safe to put in an error message. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > 64) b.append('…');
        return b.toString();
    }
}
