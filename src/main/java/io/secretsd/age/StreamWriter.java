package io.secretsd.age;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts an age STREAM payload: 64 KiB chunks, the last flagged. A batch of chunks is sealed only once
 * more data (or close) shows whether it holds the last chunk, so the final chunk is never empty unless
 * the payload is. Full batches are sealed by worker threads and written in order.
 */
final class StreamWriter extends OutputStream {
    private final OutputStream dst;
    private final ChunkWorkers workers;
    private ChunkBatch current;
    private long nextCounter;
    private boolean closed;

    StreamWriter(byte[] payloadKey, OutputStream dst) {
        this(payloadKey, dst, null);
    }

    /** With {@code threads} worker threads (0: all on the caller's thread); null for one per processor. */
    StreamWriter(byte[] payloadKey, OutputStream dst, Integer threads) {
        this.dst = dst;
        SecretKeySpec key = new SecretKeySpec(payloadKey, "ChaCha20");
        this.workers = threads == null ? new ChunkWorkers(key) : new ChunkWorkers(key, threads);
        this.current = nextBatch();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("age payload stream is closed");
        while (len > 0) {
            if (current.plainLen == current.plain.length) {
                // More data: the full batch does not hold the final chunk.
                workers.submit(current, ChunkBatch::seal);
                current = nextBatch();
                while (workers.full()) writeOut(workers.next());
            }
            int n = Math.min(len, current.plain.length - current.plainLen);
            System.arraycopy(b, off, current.plain, current.plainLen, n);
            current.plainLen += n;
            off += n;
            len -= n;
        }
    }

    private ChunkBatch nextBatch() {
        ChunkBatch b = workers.batch();
        b.reset(nextCounter);
        nextCounter += ChunkBatch.CHUNKS;
        return b;
    }

    private void writeOut(ChunkBatch b) throws IOException {
        dst.write(b.enc, 0, b.encLen);
        workers.recycle(b);
    }

    @Override
    public void flush() throws IOException {
        dst.flush();
    }

    /** Seals the final chunk, writes what is still in flight and closes the destination. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            current.after = ChunkBatch.After.END;
            workers.runHere(current, ChunkBatch::seal);
            while (!workers.isEmpty()) writeOut(workers.next());
        } finally {
            workers.close();
            dst.close();
        }
    }
}
