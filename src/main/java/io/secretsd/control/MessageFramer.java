package io.secretsd.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server's side of varlink framing (UTF-8 JSON ended by NUL) for a non-blocking connection: bytes
 * are pushed in as they arrive, whole messages taken out. A message longer than the cap is refused
 * as soon as that many bytes are buffered without its end, so a peer cannot make the server hold more.
 * An idle connection holds no buffer at all.
 */
final class MessageFramer {
    private final int maxBytes;
    private byte[] buf;
    private int start;
    private int end;
    private int scanned; // no NUL in [start, scanned)

    MessageFramer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes all of {@code src}. */
    void feed(ByteBuffer src) throws ProtocolException {
        int n = src.remaining();
        if (n == 0) return;
        if (buf == null) buf = new byte[Math.max(1024, Math.min(n, maxBytes))];
        if (end + n > buf.length && start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end + n > buf.length) {
            // Pipelined calls are taken one at a time, and reading stops while one is answered: more
            // than a message's worth of unread input is a message that is too long.
            if (end + n > maxBytes + 64 * 1024) throw tooLong();
            buf = Arrays.copyOf(buf, Math.max(end + n, Math.min(buf.length * 2, maxBytes + 64 * 1024)));
        }
        src.get(buf, end, n);
        end += n;
    }

    /** The next whole message, or null when none is buffered. */
    String next() throws ProtocolException {
        for (int i = scanned; i < end; i++) {
            if (buf[i] == 0) {
                if (i - start > maxBytes) throw tooLong();
                String m = decode(start, i);
                start = i + 1;
                scanned = start;
                if (start == end) {
                    // all consumed: an idle connection keeps no buffer, a small one is reused
                    if (buf.length > 8192) buf = null;
                    start = end = scanned = 0;
                }
                return m;
            }
        }
        scanned = end;
        if (end - start > maxBytes) throw tooLong();
        return null;
    }

    /** True when part of a message has arrived. */
    boolean partial() {
        return end > start;
    }

    private ProtocolException tooLong() {
        return new ProtocolException("message longer than " + maxBytes + " bytes");
    }

    private String decode(int from, int to) throws ProtocolException {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, from, to - from));
            return c.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("message is not UTF-8");
        }
    }
}
