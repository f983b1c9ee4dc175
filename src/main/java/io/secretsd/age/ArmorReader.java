package io.secretsd.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict decoder of age's ASCII armor (PEM, RFC 7468 strict, padded base64 in 64 columns), mirroring
 * {@code armor.NewReader} of the reference: each line is released once decoded; the first short line must
 * be followed by the END line; only whitespace may surround the armor.
 */
final class ArmorReader extends InputStream {
    static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    static final String END = "-----END AGE ENCRYPTED FILE-----";
    private static final int MAX_WHITESPACE = 1024;
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private boolean started;
    private boolean eof;
    private IOException error;
    private final byte[] decoded = new byte[Header.BYTES_PER_LINE];
    private int decodedPos;
    private int decodedLen;
    private int lineNumber;

    ArmorReader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int total = 0;
        while (len > 0) {
            if (decodedPos == decodedLen) {
                if (total > 0 && (error != null || eof)) break;
                if (error != null) throw error;
                if (eof) return total > 0 ? total : -1;
                try {
                    nextLine();
                } catch (ArmorException e) {
                    error = e;
                    if (total > 0) break;
                    throw e;
                }
                continue;
            }
            int n = Math.min(len, decodedLen - decodedPos);
            System.arraycopy(decoded, decodedPos, b, off, n);
            decodedPos += n;
            off += n;
            len -= n;
            total += n;
        }
        return total;
    }

    private void nextLine() throws IOException {
        int removedWhitespace = 0;
        while (!started) {
            byte[] line = getLine();
            if (isWhitespace(line)) {
                removedWhitespace += line.length + 1;
                if (removedWhitespace > MAX_WHITESPACE) throw new ArmorException("invalid armor: too much leading whitespace");
                continue;
            }
            if (!Arrays.equals(line, BEGIN.getBytes(StandardCharsets.US_ASCII))) {
                throw new ArmorException("invalid armor: line " + lineNumber + " is not \"" + BEGIN + "\": " + HeaderParser.quote(line));
            }
            started = true;
        }
        byte[] line = getLine();
        if (Arrays.equals(line, END.getBytes(StandardCharsets.US_ASCII))) {
            drainTrailing();
            return;
        }
        if (line.length > 64) throw new ArmorException("invalid armor: line " + lineNumber + " is longer than 64 columns");
        int n = decodeLine(line);
        decodedPos = 0;
        decodedLen = n;
        if (n < Header.BYTES_PER_LINE) {
            byte[] end = getLine();
            if (!Arrays.equals(end, END.getBytes(StandardCharsets.US_ASCII))) {
                throw new ArmorException("invalid armor: line " + lineNumber + " should be \"" + END + "\" after a short line, got " + HeaderParser.quote(end));
            }
            try {
                drainTrailing();
            } catch (ArmorException e) {
                error = e; // the decoded line is still released, as the reference does
            }
        }
    }

    /** Strict padded base64 of one line into {@link #decoded}; returns the byte count. */
    private int decodeLine(byte[] line) throws ArmorException {
        int len = line.length;
        if (len == 0) throw new ArmorException("invalid armor: empty line " + lineNumber);
        if (len % 4 != 0) throw new ArmorException("invalid armor: line " + lineNumber + " is not padded base64");
        int pad = 0;
        if (line[len - 1] == '=') pad = line[len - 2] == '=' ? 2 : 1;
        for (int i = 0; i < len - pad; i++) {
            if (!Base64Raw.isAlphabet((char) line[i])) {
                throw new ArmorException("invalid armor: invalid base64 character on line " + lineNumber);
            }
        }
        if (pad == 1 && (Base64Raw.value((char) line[len - 2]) & 0x03) != 0
                || pad == 2 && (Base64Raw.value((char) line[len - 3]) & 0x0f) != 0) {
            throw new ArmorException("invalid armor: non-canonical base64 on line " + lineNumber);
        }
        int n = 0;
        for (int i = 0; i < len; i += 4) {
            int a = Base64Raw.value((char) line[i]);
            int b = Base64Raw.value((char) line[i + 1]);
            decoded[n++] = (byte) (a << 2 | b >> 4);
            if (i + 4 < len || pad < 2) {
                int c = Base64Raw.value((char) line[i + 2]);
                decoded[n++] = (byte) (b << 4 | c >> 2);
                if (i + 4 < len || pad < 1) {
                    int d = Base64Raw.value((char) line[i + 3]);
                    decoded[n++] = (byte) (c << 6 | d);
                }
            }
        }
        return n;
    }

    private void drainTrailing() throws IOException {
        byte[] rest = new byte[MAX_WHITESPACE];
        int n = lim - pos;
        System.arraycopy(buf, pos, rest, 0, Math.min(n, MAX_WHITESPACE));
        if (n < MAX_WHITESPACE) n += in.readNBytes(rest, n, MAX_WHITESPACE - n);
        else n = MAX_WHITESPACE;
        pos = lim;
        if (!isWhitespace(Arrays.copyOf(rest, n))) throw new ArmorException("invalid armor: trailing data after the END line");
        if (n == MAX_WHITESPACE) throw new ArmorException("invalid armor: too much trailing whitespace");
        eof = true;
    }

    /** One line without its LF and at most one CR; EOF before any byte is an error. */
    private byte[] getLine() throws IOException {
        var line = new ByteArrayOutputStream(80);
        while (true) {
            if (pos == lim) {
                int n = in.read(buf, 0, buf.length);
                if (n <= 0) {
                    if (line.size() == 0) throw new ArmorException("invalid armor: unexpected end of input" + (started ? ", no END line" : ""));
                    break;
                }
                pos = 0;
                lim = n;
            }
            int i = pos;
            while (i < lim && buf[i] != '\n') i++;
            line.write(buf, pos, i - pos);
            boolean nl = i < lim;
            pos = nl ? i + 1 : i;
            if (line.size() > MAX_LINE) throw new ArmorException("invalid armor: line " + (lineNumber + 1) + " is too long");
            if (nl) break;
        }
        lineNumber++;
        byte[] b = line.toByteArray();
        if (b.length > 0 && b[b.length - 1] == '\r') b = Arrays.copyOf(b, b.length - 1);
        return b;
    }

    private static boolean isWhitespace(byte[] line) {
        for (byte c : line) if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0x0b && c != 0x0c) return false;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
