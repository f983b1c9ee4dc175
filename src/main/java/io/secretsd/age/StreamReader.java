package io.secretsd.age;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts an age STREAM payload (after its 16-byte nonce), as {@code stream.Reader} of the reference
 * does: chunks are released in order once they authenticate, so a later failure leaves the earlier
 * chunks delivered, and a chunk that fails is never released. Chunks are independent (their nonce is
 * their counter and the final flag), so a payload larger than one batch is opened by worker threads,
 * one batch each, while this thread reads ahead and hands out the plaintext in order.
 */
final class StreamReader extends InputStream {
    private final InputStream src;
    private final ChunkWorkers workers;
    private long nextCounter;
    private int carry = -1;
    private boolean inputDone;
    private ChunkBatch current;
    private int pos;
    private boolean eof;
    private IOException error;

    StreamReader(byte[] payloadKey, InputStream src) {
        this(payloadKey, src, null);
    }

    /** With {@code threads} worker threads (0: all on the caller's thread); null for one per processor. */
    StreamReader(byte[] payloadKey, InputStream src, Integer threads) {
        this.src = src;
        SecretKeySpec key = new SecretKeySpec(payloadKey, "ChaCha20");
        this.workers = threads == null ? new ChunkWorkers(key) : new ChunkWorkers(key, threads);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int total = 0;
        while (len > 0) {
            if (current == null || pos == current.plainLen) {
                if (!advance()) {
                    // An error met after some plaintext waits for the next call, as the reference's reader does.
                    if (total > 0) break;
                    if (error != null) throw error;
                    return -1;
                }
                continue;
            }
            int n = Math.min(len, current.plainLen - pos);
            System.arraycopy(current.plain, pos, b, off, n);
            pos += n;
            off += n;
            len -= n;
            total += n;
        }
        return total;
    }

    /** Writes every authenticated batch to {@code out} in order, straight from the batch. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long total = 0;
        while (true) {
            if (current != null && pos < current.plainLen) {
                out.write(current.plain, pos, current.plainLen - pos);
                total += current.plainLen - pos;
                pos = current.plainLen;
            }
            if (!advance()) {
                if (error != null) throw error;
                return total;
            }
        }
    }

    @Override
    public int available() {
        return current == null ? 0 : current.plainLen - pos;
    }

    /**
     * Moves on to the next batch with plaintext to release; false when there is none left, because the
     * payload ended ({@link #eof}) or failed ({@link #error}, for the caller to throw in its turn).
     */
    private boolean advance() throws IOException {
        while (true) {
            if (current != null) {
                if (pos < current.plainLen) return true;
                workers.recycle(current);
                current = null;
            }
            if (error != null || eof) return false;
            current = nextOpened();
            pos = 0;
            if (current.error != null) error = current.error;
            else if (current.finished) eof = true;
            if (error != null || eof) workers.stop();
        }
    }

    private ChunkBatch nextOpened() throws IOException {
        if (nextCounter == 0) {
            ChunkBatch first = fill();
            // A payload of one batch (every sops data key, every small file) starts no thread.
            if (inputDone) workers.runHere(first, ChunkBatch::open);
            else workers.submit(first, ChunkBatch::open);
        }
        while (!inputDone && !workers.full()) workers.submit(fill(), ChunkBatch::open);
        return workers.next();
    }

    /**
     * Reads the next batch and learns what follows it: one byte is read ahead, and a read error is kept
     * for the batch to deliver in its turn, after the chunks read before it.
     */
    private ChunkBatch fill() {
        // The first batch holds one chunk: most payloads (every sops data key) are a few bytes, and a full
        // batch is 2 MiB of arrays for each (a daemon decrypting 100 files allocated 200 MiB per activation).
        ChunkBatch b = workers.batch(nextCounter == 0 ? 1 : ChunkBatch.CHUNKS);
        b.reset(nextCounter);
        nextCounter += b.chunks;
        byte[] enc = b.enc;
        int at = 0;
        if (carry >= 0) {
            enc[at++] = (byte) carry;
            carry = -1;
        }
        try {
            while (at < enc.length) {
                int n = src.read(enc, at, enc.length - at);
                if (n < 0) {
                    b.after = ChunkBatch.After.END;
                    break;
                }
                at += n;
            }
            if (at == enc.length) {
                int next = src.read();
                if (next < 0) b.after = ChunkBatch.After.END;
                else carry = next;
            }
            b.encLen = at;
        } catch (IOException e) {
            int complete = at / ChunkCipher.ENC_CHUNK * ChunkCipher.ENC_CHUNK;
            b.encLen = complete;
            b.readError = e;
            b.after = at > complete ? ChunkBatch.After.MORE_THEN_ERROR : ChunkBatch.After.ERROR;
        }
        inputDone = b.after != ChunkBatch.After.MORE;
        return b;
    }

    @Override
    public void close() throws IOException {
        workers.close();
        current = null;
        src.close();
    }
}
