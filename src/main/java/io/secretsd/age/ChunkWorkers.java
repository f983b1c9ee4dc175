package io.secretsd.age;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.crypto.spec.SecretKeySpec;

/**
 * Threads that seal or open batches while the caller reads and writes; batches come back in the order
 * they were submitted. Each thread has its own {@link ChunkCipher}.
 */
final class ChunkWorkers implements AutoCloseable {
    /** Batches submitted before the JIT warm-up starts: a payload of 3 MiB or less never pays for it. */
    private static final int WARM_UP_AFTER = 3;

    private final SecretKeySpec key;
    private final int threads;
    private ExecutorService pool;
    private ChunkCipher here;
    private final ThreadLocal<ChunkCipher> ciphers;
    private final ArrayDeque<Future<ChunkBatch>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<ChunkBatch> spare = new ArrayDeque<>();
    private final List<ChunkBatch> all = new ArrayList<>();
    private final int depth;
    private int submitted;

    /** Threads for this machine's processors; with a single one, all work is done on the caller's thread. */
    ChunkWorkers(SecretKeySpec key) {
        this(key, Runtime.getRuntime().availableProcessors() > 1 ? Math.min(Runtime.getRuntime().availableProcessors(), 8) : 0);
    }

    /** Started lazily: a payload of one batch is processed without starting any thread. */
    ChunkWorkers(SecretKeySpec key, int threads) {
        this.key = key;
        this.threads = threads;
        this.ciphers = ThreadLocal.withInitial(() -> new ChunkCipher(key));
        this.depth = Math.max(1, 2 * threads);
    }

    /** A batch to fill: a recycled one, or a new one. */
    ChunkBatch batch() {
        return batch(ChunkBatch.CHUNKS);
    }

    /** A batch of at least {@code chunks} chunks: a recycled one, or a new one. */
    ChunkBatch batch(int chunks) {
        ChunkBatch b = spare.poll();
        if (b == null || b.chunks < chunks) {
            b = new ChunkBatch(chunks);
            all.add(b);
        }
        return b;
    }

    /** Hands back a batch the caller is done with (its plaintext is overwritten, or wiped at close). */
    void recycle(ChunkBatch b) {
        spare.add(b);
    }

    /** Queues work on a batch for a worker thread. */
    void submit(ChunkBatch b, BiConsumer<ChunkBatch, ChunkCipher> work) {
        if (threads == 0) {
            runHere(b, work);
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "age-payload");
                t.setDaemon(true);
                return t;
            });
        }
        if (++submitted == WARM_UP_AFTER) {
            // A payload this large earns the compiled intrinsics early. Its own thread: nothing waits for it.
            Thread.ofPlatform().daemon().name("age-jit-warm-up").start(ChunkCipher::warmUp);
        }
        inFlight.add(pool.submit(() -> {
            work.accept(b, ciphers.get());
            return b;
        }));
    }

    /** Does the work on the caller's thread now, in its turn among the batches submitted. */
    void runHere(ChunkBatch b, BiConsumer<ChunkBatch, ChunkCipher> work) {
        if (here == null) here = new ChunkCipher(key);
        work.accept(b, here);
        inFlight.add(CompletableFuture.completedFuture(b));
    }

    /** True when as many batches are in flight as are worth keeping ahead of the caller. */
    boolean full() {
        return inFlight.size() >= depth;
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /** Waits for the oldest batch submitted. */
    ChunkBatch next() throws IOException {
        Future<ChunkBatch> f = inFlight.remove();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while processing the age payload");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the threads once no more work will come; batches already handed out stay readable. */
    void stop() {
        if (pool == null) return;
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool = null;
    }

    /** Stops the threads and wipes every batch's plaintext, including those still in flight. */
    @Override
    public void close() {
        stop();
        inFlight.clear();
        spare.clear();
        for (ChunkBatch b : all) b.wipe();
        all.clear();
    }
}
