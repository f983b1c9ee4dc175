package io.secretsd.age;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes age's ASCII armor: the BEGIN line, padded base64 in 64 columns, a final short line if any, END. */
final class ArmorWriter extends OutputStream {
    private static final int LINES_PER_BLOCK = 256;
    private final OutputStream dst;
    private final byte[] pending = new byte[Header.BYTES_PER_LINE * LINES_PER_BLOCK];
    private final byte[] out = new byte[65 * LINES_PER_BLOCK];
    private int buffered;
    private boolean started;
    private boolean closed;

    ArmorWriter(OutputStream dst) {
        this.dst = dst;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("armor stream is closed");
        start();
        while (len > 0) {
            if (buffered == pending.length) flushLines(false);
            int n = Math.min(len, pending.length - buffered);
            System.arraycopy(b, off, pending, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            dst.write((ArmorReader.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes the full lines buffered, and with {@code last} the final short line too. */
    private void flushLines(boolean last) throws IOException {
        int full = buffered - buffered % Header.BYTES_PER_LINE;
        int take = last ? buffered : full;
        byte[] b64 = Base64.getEncoder().encode(java.util.Arrays.copyOf(pending, take));
        int o = 0;
        for (int i = 0; i < b64.length; i += 64) {
            int n = Math.min(64, b64.length - i);
            System.arraycopy(b64, i, out, o, n);
            o += n;
            out[o++] = '\n';
        }
        dst.write(out, 0, o);
        System.arraycopy(pending, take, pending, 0, buffered - take);
        buffered -= take;
    }

    @Override
    public void flush() throws IOException {
        dst.flush();
    }

    /** Writes the END line and closes the destination. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            start();
            flushLines(true);
            dst.write((ArmorReader.END + "\n").getBytes(StandardCharsets.US_ASCII));
        } finally {
            dst.close();
        }
    }
}
