package io.secretsd.bench;

import io.secretsd.watch.ChangeBatch;
import io.secretsd.watch.FileWatcher;
import io.secretsd.watch.WatchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Latency from the atomic rename of a watched file (as sops and editors write) to the delivery of the
 * batch that reports it, over 200 changes, for a few settle delays. Not a test; run with
 * {@code src/bench/watch-latency.sh [changes] [settle-ms ...]}. With {@code POLL_MS} set (the script passes it
 * on as {@code -Dpoll.ms}) the watcher polls entries as on macOS. The JDK's PollingWatchService, macOS's watch
 * service, is not built into Linux JDKs, so it cannot be measured beside it here (its period is a fixed 2 s).
 */
public final class WatchLatencyBench {

    private record Delivery(long nanos, ChangeBatch batch) {}

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long[] settles = args.length > 1
                ? Arrays.stream(args).skip(1).mapToLong(Long::parseLong).toArray()
                : new long[] {20, 0};
        Path dir = Files.createTempDirectory("secretsd-watch-bench");
        try {
            for (long settle : settles) {
                run(dir, changes / 4, settle, false); // warm-up: JIT, page cache
                run(dir, changes, settle, true);
            }

        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir, int changes, long settleMs, boolean print) throws Exception {
        Path file = dir.resolve("secrets.yaml");
        Files.writeString(file, "v0");
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        WatchOptions options = WatchOptions.defaults().withSettle(Duration.ofMillis(settleMs))
                .withPollInterval(Duration.ofMillis(POLL_MS));
        long[] latencies = new long[changes];
        try (FileWatcher watcher = FileWatcher.open(List.of(file), options,
                batch -> deliveries.add(new Delivery(System.nanoTime(), batch)))) {
            for (int i = 0; i < changes; i++) {
                Path temp = dir.resolve(".secrets.yaml.tmp");
                Files.writeString(temp, "value " + i + " " + System.nanoTime());
                long start = System.nanoTime();
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
                if (d == null || !d.batch().paths().contains(file)) {
                    throw new IllegalStateException("change " + i + " not delivered: " + d);
                }
                latencies[i] = d.nanos() - start;
            }
        }
        if (print) {
            Arrays.sort(latencies);
            System.out.printf((POLL_MS > 0 ? "entry poll every " + POLL_MS + " ms, " : "")
                    + "settle %3d ms, %d atomic renames: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    settleMs, changes, ms(latencies[changes / 2]), ms(latencies[(int) Math.ceil(changes * 0.99) - 1]),
                    ms(latencies[changes - 1]));
        }
    }

    private static final long POLL_MS = Long.getLong("poll.ms", 0);

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
