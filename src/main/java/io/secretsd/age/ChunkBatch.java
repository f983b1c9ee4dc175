package io.secretsd.age;

import static io.secretsd.age.ChunkCipher.CHUNK;
import static io.secretsd.age.ChunkCipher.ENC_CHUNK;
import static io.secretsd.age.ChunkCipher.TAG;

import java.io.IOException;
import java.util.Arrays;

/**
 * A run of consecutive STREAM chunks (1 MiB of plaintext), the unit one thread seals or opens. Opening
 * reaches the same verdict, with the same plaintext released before it, as reading the chunks one at a
 * time the way {@code stream.Reader} of the reference does: what follows the batch in the input
 * ({@link After}) stands for the reads that reader would have made next.
 */
final class ChunkBatch {
    static final int CHUNKS = 16;

    /** What the input holds after the batch's last complete chunk. */
    enum After {
        /** the end of the input */
        END,
        /** more input (the next batch) */
        MORE,
        /** some bytes of a further chunk, then {@link #readError} */
        MORE_THEN_ERROR,
        /** {@link #readError} before any further byte */
        ERROR
    }

    /** How many chunks it holds at most: {@link #CHUNKS}, or fewer for the first batch a reader fills. */
    final int chunks;
    final byte[] enc;
    final byte[] plain;
    long firstCounter;
    int encLen;
    int plainLen;
    After after;
    IOException readError;
    /** After opening: the final chunk authenticated and nothing follows it. */
    boolean finished;
    /** After opening: what stops the payload once plain[0..plainLen) is released, or null. */
    IOException error;

    ChunkBatch() {
        this(CHUNKS);
    }

    ChunkBatch(int chunks) {
        this.chunks = chunks;
        this.enc = new byte[chunks * ENC_CHUNK];
        this.plain = new byte[chunks * CHUNK];
    }

    void reset(long counter) {
        firstCounter = counter;
        encLen = plainLen = 0;
        after = After.MORE;
        readError = error = null;
        finished = false;
    }

    /** Opens enc[0..encLen) into plain, stopping at the final chunk or the first chunk that fails. */
    void open(ChunkCipher cipher) {
        if (encLen == 0) {
            error = after == After.END ? truncated(firstCounter) : readError;
            return;
        }
        long counter = firstCounter;
        for (int off = 0; off < encLen; off += ENC_CHUNK, counter++) {
            int n = Math.min(ENC_CHUNK, encLen - off);
            boolean atEnd = off + n == encLen;
            boolean last = n < ENC_CHUNK;
            if (last && counter != 0 && n == TAG) {
                error = new PayloadException("last payload chunk is empty (chunk " + counter + ")");
                return;
            }
            int len;
            if (last) {
                len = cipher.open(enc, off, n, counter, true, plain, plainLen);
            } else {
                // A full chunk may still be the final one. At most one flag authenticates, so the order of
                // the tries changes no verdict: at the end of the input, final is the likely one.
                boolean first = atEnd && after == After.END;
                len = cipher.open(enc, off, n, counter, first, plain, plainLen);
                last = first;
                if (len < 0) {
                    len = cipher.open(enc, off, n, counter, !first, plain, plainLen);
                    last = !first;
                }
            }
            if (len < 0) {
                Arrays.fill(plain, plainLen, plainLen + CHUNK, (byte) 0);
                error = new PayloadException("failed to decrypt and authenticate payload chunk " + counter);
                return;
            }
            if (last) {
                finish(atEnd, len);
                return;
            }
            plainLen += len;
        }
        // Every chunk authenticated as not final.
        error = switch (after) {
            case END -> truncated(counter);
            case MORE -> null;
            case MORE_THEN_ERROR, ERROR -> readError;
        };
    }

    /** The final chunk authenticated (len bytes at plainLen): is anything after it? */
    private void finish(boolean atEnd, int len) {
        if (!atEnd || after == After.MORE || after == After.MORE_THEN_ERROR) {
            plainLen += len;
            error = new PayloadException("trailing data after the final payload chunk");
        } else if (after == After.END) {
            plainLen += len;
            finished = true;
        } else {
            // The reference reader looks for trailing data before it releases the final chunk.
            Arrays.fill(plain, plainLen, plainLen + len, (byte) 0);
            error = readError;
        }
    }

    private static PayloadException truncated(long chunks) {
        return new PayloadException("payload is truncated: no final chunk (after " + chunks + " chunks)");
    }

    /**
     * Seals plain[0..plainLen) into enc; in the last batch ({@code after == END}) the last chunk is marked
     * final, and an empty payload is one empty final chunk.
     */
    void seal(ChunkCipher cipher) {
        encLen = 0;
        long counter = firstCounter;
        int off = 0;
        do {
            int n = Math.min(CHUNK, plainLen - off);
            boolean last = after == After.END && off + n == plainLen;
            encLen += cipher.seal(plain, off, n, counter++, last, enc, encLen);
            off += n;
        } while (off < plainLen);
    }

    void wipe() {
        Arrays.fill(plain, (byte) 0);
        plainLen = 0;
    }
}
