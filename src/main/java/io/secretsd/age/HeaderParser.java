package io.secretsd.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an age header strictly, line by line, as {@code format.Parse} of the reference does, and hands
 * back the rest of the input (including what was read ahead) as the payload stream.
 */
final class HeaderParser {
    /** Lines and headers are bounded so that hostile input cannot make us buffer without end. */
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_HEADER = 16 * 1024 * 1024;
    /**
     * Stanzas per header: one per recipient, so real files have a handful and big teams dozens; each
     * costs an identity a key agreement to try, so 100,000 of them cost half a minute of CPU.
     */
    static final int MAX_STANZAS = 1000;

    record Result(Header header, InputStream payload) {}

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private long consumed;

    private HeaderParser(InputStream in) {
        this.in = in;
    }

    static Result parse(InputStream in) throws IOException {
        return new HeaderParser(in).parse();
    }

    private Result parse() throws IOException {
        byte[] intro = readLine("version line");
        if (!Arrays.equals(intro, (Header.VERSION_LINE).getBytes(StandardCharsets.US_ASCII))) {
            throw new HeaderException("unexpected version line: " + quote(intro) + " (want \"" + Header.VERSION_LINE + "\")");
        }
        List<Stanza> stanzas = new ArrayList<>();
        while (true) {
            if (startsWithFooter()) {
                byte[] line = readLine("MAC line");
                List<byte[]> parts = split(line);
                if (!Arrays.equals(parts.getFirst(), new byte[] {'-', '-', '-'}) || parts.size() != 2) {
                    throw new HeaderException("malformed MAC line: " + quote(line));
                }
                byte[] mac = Base64Raw.decode(ascii(parts.get(1)));
                if (mac == null || mac.length != Header.MAC_SIZE) {
                    throw new HeaderException("malformed MAC line: " + quote(line) + ": not canonical base64 of 32 bytes");
                }
                return new Result(new Header(stanzas, mac), new PrefixedInputStream(buf, pos, lim - pos, in));
            }
            if (stanzas.size() == MAX_STANZAS) {
                throw new HeaderException("header has more than " + MAX_STANZAS + " stanzas (one per recipient): refusing it");
            }
            stanzas.add(readStanza(stanzas.size() + 1));
        }
    }

    private Stanza readStanza(int index) throws IOException {
        byte[] line = readLine("stanza " + index);
        List<byte[]> parts = split(line);
        if (!Arrays.equals(parts.getFirst(), new byte[] {'-', '>'}) || parts.size() < 2) {
            throw new HeaderException("malformed opening line of stanza " + index + ": " + quote(line));
        }
        List<String> args = new ArrayList<>(parts.size() - 1);
        for (byte[] a : parts.subList(1, parts.size())) {
            if (!isArgument(a, 0, a.length)) {
                throw new HeaderException("malformed opening line of stanza " + index + ": " + quote(line));
            }
            args.add(ascii(a));
        }
        var body = new ByteArrayOutputStream();
        while (true) {
            byte[] bodyLine = readLine("body of stanza " + index);
            byte[] b = bodyLine.length <= 64 ? Base64Raw.decode(ascii(bodyLine)) : null;
            if (b == null) {
                if (bodyLine.length > 64 && Base64Raw.decode(ascii(bodyLine)) != null) {
                    throw new HeaderException("malformed body line of stanza " + index + ": longer than 64 columns");
                }
                if (startsWith(bodyLine, "---") || startsWith(bodyLine, "->")) {
                    throw new HeaderException("stanza " + index + " ended without a short final body line");
                }
                throw new HeaderException("malformed body line of stanza " + index + ": not canonical unpadded base64");
            }
            body.writeBytes(b);
            if (b.length < Header.BYTES_PER_LINE) {
                return new Stanza(args.getFirst(), args.subList(1, args.size()), body.toByteArray());
            }
        }
    }

    /** An argument is 1*VCHAR: printable ASCII without space. */
    static boolean isArgument(byte[] b, int off, int len) {
        if (len == 0) return false;
        for (int i = off; i < off + len; i++) if (b[i] < 33 || b[i] > 126) return false;
        return true;
    }

    /** Splits on single spaces, keeping empty fields (like Go's strings.Split). */
    private static List<byte[]> split(byte[] line) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == ' ') {
                parts.add(Arrays.copyOfRange(line, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private boolean startsWithFooter() throws IOException {
        while (lim - pos < 3) {
            if (!fill()) throw new HeaderException("header is truncated: no MAC line");
        }
        return buf[pos] == '-' && buf[pos + 1] == '-' && buf[pos + 2] == '-';
    }

    /** Reads up to LF (not included); EOF before LF is a truncated header. */
    private byte[] readLine(String what) throws IOException {
        ByteArrayOutputStream long_ = null;
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    byte[] part = Arrays.copyOfRange(buf, pos, i);
                    count(i + 1 - pos);
                    pos = i + 1;
                    if (long_ == null) return part;
                    long_.writeBytes(part);
                    return long_.toByteArray();
                }
            }
            if (long_ == null) long_ = new ByteArrayOutputStream();
            long_.write(buf, pos, lim - pos);
            count(lim - pos);
            pos = lim;
            if (long_.size() > MAX_LINE) throw new HeaderException("header line longer than " + MAX_LINE + " bytes in " + what);
            if (!fill()) throw new HeaderException("header is truncated in " + what);
        }
    }

    private void count(int n) throws HeaderException {
        consumed += n;
        if (consumed > MAX_HEADER) throw new HeaderException("header longer than " + MAX_HEADER + " bytes");
    }

    /** Reads more input after the unread bytes; false at EOF. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n <= 0) return false;
        lim += n;
        return true;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (line[i] != prefix.charAt(i)) return false;
        return true;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Header lines are public data; quote them shortened and escaped for error messages. */
    static String quote(byte[] line) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(line.length, 80);
        for (int i = 0; i < n; i++) {
            int c = line[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        if (line.length > n) sb.append("...");
        return sb.append('"').toString();
    }
}
