package io.secretsd.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client's side of varlink framing (the server's is {@link MessageFramer}): splits a blocking byte stream into varlink messages (UTF-8 JSON ended by NUL), refusing a message longer
 * than the cap before it is buffered whole, so a peer cannot make the server hold more than that.
 */
final class MessageReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[8192];
    private int start;
    private int end;
    private byte[] msg = new byte[1024];
    private int msgLen;

    MessageReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** True when bytes of a next message are already buffered (a pipelined call). */
    boolean hasBuffered() {
        return start < end || msgLen > 0;
    }

    /**
     * The next message, or null at a clean end of stream. Each blocking read is bounded by the
     * socket's timeout; {@code deadlineNanos} (System.nanoTime, 0 for none) bounds the whole message,
     * so a peer that trickles a byte at a time is dropped too.
     */
    String next(long deadlineNanos) throws IOException {
        msgLen = 0;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == 0) {
                    append(start, i);
                    start = i + 1;
                    return decode();
                }
            }
            append(start, end);
            start = end = 0;
            if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                throw new ProtocolException("no complete message in time");
            }
            int n = in.read(buf);
            if (n < 0) {
                if (msgLen == 0) return null;
                throw new ProtocolException("connection closed inside a message");
            }
            end = n;
        }
    }

    private void append(int from, int to) throws ProtocolException {
        int n = to - from;
        if (n == 0) return;
        if (msgLen + n > maxBytes) throw new ProtocolException("message longer than " + maxBytes + " bytes");
        if (msgLen + n > msg.length) msg = Arrays.copyOf(msg, Math.min(maxBytes, Math.max(msg.length * 2, msgLen + n)));
        System.arraycopy(buf, from, msg, msgLen, n);
        msgLen += n;
    }

    private String decode() throws ProtocolException {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(msg, 0, msgLen));
            return c.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("message is not UTF-8");
        } finally {
            msgLen = 0;
        }
    }
}
