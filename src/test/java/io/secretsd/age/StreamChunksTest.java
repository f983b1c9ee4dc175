package io.secretsd.age;

import static io.secretsd.age.ChunkCipher.CHUNK;
import static io.secretsd.age.ChunkCipher.ENC_CHUNK;
import static io.secretsd.age.ChunkCipher.TAG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The STREAM payload opened and sealed by worker threads, batch by batch, against a model of the
 * reference's sequential reader ({@code stream.Reader}: one chunk at a time, a full chunk tried as not
 * final then as final, a look for trailing data after the final one): the same plaintext released and
 * the same error, at chunk and batch boundaries, for truncation, extension, corruption, misplaced final
 * flags and read errors.
 */
class StreamChunksTest {
    private static final byte[] KEY = AgeProperties.bytes(32, 99);
    private static final int BATCH = ChunkBatch.CHUNKS * CHUNK;

    /** What a reader released before it stopped, and the message it stopped with (null: it ended cleanly). */
    record Outcome(byte[] released, String error) {
        void assertSame(Outcome expected, String what) {
            assertEquals(expected.error, error, what + ": error");
            assertArrayEquals(expected.released, released, what + ": released plaintext");
        }
    }

    /** The reference reader, one chunk at a time on this thread. */
    static Outcome reference(InputStream src) {
        var out = new ByteArrayOutputStream();
        long counter = 0;
        try {
            while (true) {
                byte[] enc = src.readNBytes(ENC_CHUNK);
                if (enc.length == 0) return new Outcome(out.toByteArray(), "payload is truncated: no final chunk (after " + counter + " chunks)");
                boolean last = enc.length < ENC_CHUNK;
                if (last && counter != 0 && enc.length == TAG) return new Outcome(out.toByteArray(), "last payload chunk is empty (chunk " + counter + ")");
                byte[] p = open(counter, last, enc);
                if (p == null && !last) {
                    last = true;
                    p = open(counter, true, enc);
                }
                if (p == null) return new Outcome(out.toByteArray(), "failed to decrypt and authenticate payload chunk " + counter);
                counter++;
                if (last) {
                    int more = src.read();
                    out.writeBytes(p);
                    return new Outcome(out.toByteArray(), more >= 0 ? "trailing data after the final payload chunk" : null);
                }
                out.writeBytes(p);
            }
        } catch (IOException e) {
            return new Outcome(out.toByteArray(), e.getMessage());
        }
    }

    private static byte[] open(long counter, boolean last, byte[] enc) {
        return enc.length < TAG ? null : Primitives.open(KEY, nonce(counter, last), enc);
    }

    private static byte[] nonce(long counter, boolean last) {
        byte[] n = new byte[12];
        for (int i = 0; i < 8; i++) n[10 - i] = (byte) (counter >>> (8 * i));
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }

    /** Ours, with worker threads, drained by transferTo or by reads of an odd size. */
    static Outcome ours(InputStream src, int threads, boolean transfer) {
        var out = new ByteArrayOutputStream();
        try (var r = new StreamReader(KEY, src, threads)) {
            if (transfer) {
                r.transferTo(out);
            } else {
                byte[] buf = new byte[7001];
                int n;
                while ((n = r.read(buf)) >= 0) out.write(buf, 0, n);
            }
            return new Outcome(out.toByteArray(), null);
        } catch (IOException e) {
            return new Outcome(out.toByteArray(), e.getMessage());
        }
    }

    private static void assertLikeReference(byte[] body, String what) {
        Outcome expected = reference(new ByteArrayInputStream(body));
        for (int threads : new int[] {0, 2, 3}) {
            for (boolean transfer : new boolean[] {true, false}) {
                ours(new ByteArrayInputStream(body), threads, transfer).assertSame(expected, what + ", " + threads + " threads, transfer " + transfer);
            }
        }
    }

    static byte[] seal(byte[] plain, int threads) throws IOException {
        var buf = new ByteArrayOutputStream();
        try (OutputStream w = new StreamWriter(KEY, buf, threads)) {
            // Odd-sized writes, so batches fill across calls.
            for (int off = 0; off < plain.length; off += 50_000) w.write(plain, off, Math.min(50_000, plain.length - off));
        }
        return buf.toByteArray();
    }

    /** Chunks sealed one by one with the final flag where the test says, whatever their position. */
    private static byte[] sealWithFlags(byte[] plain, int chunks, int finalAt) {
        var buf = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            byte[] p = Arrays.copyOfRange(plain, i * CHUNK, Math.min(plain.length, (i + 1) * CHUNK));
            buf.writeBytes(Primitives.seal(KEY, nonce(i, i == finalAt), p));
        }
        return buf.toByteArray();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH, 3 * BATCH + 12345})
    void roundTripsAtChunkAndBatchBoundaries(int size) throws IOException {
        byte[] plain = AgeProperties.bytes(size, size);
        byte[] body = seal(plain, 3);
        assertArrayEquals(seal(plain, 0), body, "sealed by threads as on one thread");
        int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
        assertEquals(size + chunks * TAG, body.length, "a 16-byte tag a chunk, no empty final chunk");
        Outcome expected = reference(new ByteArrayInputStream(body));
        assertNull(expected.error);
        assertArrayEquals(plain, expected.released);
        assertLikeReference(body, size + " bytes");
    }

    @Test
    void truncatedAtEveryChunkBoundary() throws IOException {
        int chunks = 2 * ChunkBatch.CHUNKS + 3;
        byte[] body = seal(AgeProperties.bytes(chunks * CHUNK - 100, 5), 2);
        for (int k = 0; k <= chunks; k++) {
            int cut = Math.min(k * ENC_CHUNK, body.length);
            Outcome expected = reference(new ByteArrayInputStream(Arrays.copyOf(body, cut)));
            if (k < chunks) assertNotNull(expected.error, "cut at chunk " + k);
            ours(new ByteArrayInputStream(Arrays.copyOf(body, cut)), 2, k % 2 == 0).assertSame(expected, "cut at chunk " + k);
        }
        for (int k : new int[] {1, ChunkBatch.CHUNKS - 1, ChunkBatch.CHUNKS, ChunkBatch.CHUNKS + 1, chunks - 1}) {
            for (int delta : new int[] {-TAG, -1, 1, TAG}) {
                byte[] cut = Arrays.copyOf(body, k * ENC_CHUNK + delta);
                assertLikeReference(cut, "cut at chunk " + k + " " + delta);
            }
        }
    }

    @Test
    void extendedAfterTheFinalChunk() throws IOException {
        for (int size : new int[] {0, 100, CHUNK, BATCH, BATCH + 7}) {
            byte[] body = seal(AgeProperties.bytes(size, 3), 2);
            assertLikeReference(AgeProperties.concat(body, new byte[] {0}), size + " bytes and one more");
            assertLikeReference(AgeProperties.concat(body, body), size + " bytes twice");
        }
    }

    @Test
    void aFlippedChunkStopsThePayloadThere() throws IOException {
        int chunks = 2 * ChunkBatch.CHUNKS + 2;
        byte[] body = seal(AgeProperties.bytes(chunks * CHUNK - 1, 11), 2);
        for (int k : new int[] {0, 1, ChunkBatch.CHUNKS - 1, ChunkBatch.CHUNKS, ChunkBatch.CHUNKS + 1, chunks - 1}) {
            byte[] flipped = body.clone();
            flipped[k * ENC_CHUNK + 1000 % (body.length - k * ENC_CHUNK)] ^= 0x20;
            Outcome expected = reference(new ByteArrayInputStream(flipped));
            assertEquals("failed to decrypt and authenticate payload chunk " + k, expected.error);
            assertLikeReference(flipped, "chunk " + k + " flipped");
        }
    }

    @Test
    void theFinalChunkMarkedNotFinalIsATruncation() {
        for (int chunks : new int[] {1, 2, ChunkBatch.CHUNKS, ChunkBatch.CHUNKS + 1, 2 * ChunkBatch.CHUNKS}) {
            for (int lastSize : new int[] {1, CHUNK}) {
                byte[] plain = AgeProperties.bytes((chunks - 1) * CHUNK + lastSize, chunks);
                byte[] body = sealWithFlags(plain, chunks, -1);
                Outcome expected = reference(new ByteArrayInputStream(body));
                assertTrue(expected.error.startsWith(lastSize == CHUNK ? "payload is truncated" : "failed to decrypt"), expected.error);
                assertLikeReference(body, chunks + " chunks, none final, last of " + lastSize);
            }
        }
    }

    @Test
    void aChunkMarkedFinalBeforeTheEndIsTrailingData() {
        int chunks = 2 * ChunkBatch.CHUNKS + 2;
        byte[] plain = AgeProperties.bytes(chunks * CHUNK - 10, 17);
        for (int finalAt : new int[] {0, ChunkBatch.CHUNKS - 1, ChunkBatch.CHUNKS, ChunkBatch.CHUNKS + 1, chunks - 2}) {
            byte[] body = sealWithFlags(plain, chunks, finalAt);
            Outcome expected = reference(new ByteArrayInputStream(body));
            assertEquals("trailing data after the final payload chunk", expected.error);
            assertLikeReference(body, "chunk " + finalAt + " of " + chunks + " final");
        }
    }

    @Test
    void anEmptyFinalChunkAfterOthersIsRefused() {
        byte[] plain = AgeProperties.bytes(BATCH, 23);
        byte[] body = AgeProperties.concat(sealWithFlags(plain, ChunkBatch.CHUNKS, -1), Primitives.seal(KEY, nonce(ChunkBatch.CHUNKS, true), new byte[0]));
        assertEquals("last payload chunk is empty (chunk " + ChunkBatch.CHUNKS + ")", reference(new ByteArrayInputStream(body)).error);
        assertLikeReference(body, "empty final chunk");
    }

    /** A source that fails after {@code failAt} bytes (an armor error, a broken disk), as the input may. */
    private static InputStream failingAfter(byte[] body, int failAt) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                if (pos >= failAt) throw new IOException("the input failed at byte " + pos);
                if (pos >= body.length) return -1;
                int n = Math.min(Math.min(len, 10_000), Math.min(failAt, body.length) - pos);
                System.arraycopy(body, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void aReadErrorComesAfterWhatWasReadBeforeIt() throws IOException {
        for (int size : new int[] {BATCH, 2 * BATCH + 5}) {
            byte[] body = seal(AgeProperties.bytes(size, 29), 2);
            for (int k : new int[] {1, ChunkBatch.CHUNKS, ChunkBatch.CHUNKS + 1, body.length / ENC_CHUNK}) {
                for (int delta : new int[] {-1, 0, 1}) {
                    int failAt = k * ENC_CHUNK + delta;
                    Outcome expected = reference(failingAfter(body, failAt));
                    for (int threads : new int[] {0, 2}) {
                        ours(failingAfter(body, failAt), threads, true).assertSame(expected, size + " bytes failing at " + failAt + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    @Property(tries = 25)
    void roundTripsAtRandomSizes(@ForAll @IntRange(max = 3 * 1024 * 1024) int size, @ForAll @IntRange(max = 4) int threads,
            @ForAll @IntRange(min = 1, max = 200_000) int readSize) throws IOException {
        byte[] plain = AgeProperties.bytes(size, size ^ threads);
        byte[] body = seal(plain, threads);
        var out = new ByteArrayOutputStream();
        try (var r = new StreamReader(KEY, new ByteArrayInputStream(body), 4 - threads)) {
            byte[] buf = new byte[readSize];
            int n;
            while ((n = r.read(buf)) >= 0) out.write(buf, 0, n);
        }
        assertArrayEquals(plain, out.toByteArray());
    }
}
