package io.secretsd.control;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fans the daemon's events out to subscribed clients. The daemon's {@link #publish} never blocks: each
 * subscriber has a bounded queue, and a subscriber that falls that far behind is cut off (its
 * connection closed) rather than allowed to hold up the activation loop or grow memory.
 */
public final class EventHub {
    static final int QUEUE = 1024;

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public void publish(ControlEvent event) {
        Objects.requireNonNull(event, "event");
        for (Subscription s : subscriptions) {
            if (!s.queue.offer(event)) {
                s.overflowed = true;
                s.close();
            } else {
                s.signal.run();
            }
        }
    }

    /** Number of live subscriptions (for tests and status). */
    public int subscribers() {
        return subscriptions.size();
    }

    /** A subscription read with {@link Subscription#next}. */
    public Subscription subscribe() {
        return subscribe(() -> {});
    }

    /**
     * A subscription that runs {@code signal} (on the publisher's thread; it must not block) after each
     * event it queues and when it is closed, for a reader that polls instead of waiting.
     */
    public Subscription subscribe(Runnable signal) {
        Subscription s = new Subscription(Objects.requireNonNull(signal, "signal"));
        subscriptions.add(s);
        return s;
    }

    /** One client's queue of events; close it when the client goes away. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<ControlEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Runnable signal;
        private volatile boolean closed;
        private volatile boolean overflowed;

        private Subscription(Runnable signal) {
            this.signal = signal;
        }

        /** The next event, or null after {@code timeoutMillis} or once closed. */
        public ControlEvent next(long timeoutMillis) throws InterruptedException {
            if (closed) return null;
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** The next event if one is queued, else null. */
        public ControlEvent poll() {
            return closed ? null : queue.poll();
        }

        public boolean isClosed() {
            return closed;
        }

        /** True when it was closed because the client did not keep up. */
        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            subscriptions.remove(this);
            queue.clear();
            signal.run();
        }
    }
}
