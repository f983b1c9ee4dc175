package io.secretsd.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.newsclub.net.unix.AFUNIXSocketChannel;

/**
 * One client of the control socket, driven by the server's selector thread alone: its framing, its
 * replies waiting to be written, and its event subscription. It never blocks: a reply the client does
 * not read stays queued (and the client's further calls unread) until the write timeout drops it.
 */
final class ClientConnection {
    /** Replies queued beyond this stop the reading of further calls until the client catches up. */
    private static final int OUTPUT_HIGH_WATER = 64 * 1024;

    final AFUNIXSocketChannel channel;
    final PeerCredentials peer;
    final Access access;
    final SelectionKey key;
    final MessageFramer framer;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    long outputBytes;
    /** When the next complete message is due (idle or trickling clients are dropped then). */
    long deadline;
    /** When the queued output last made progress. */
    long lastWrite;
    /** A call is being answered off the selector thread (Reload): no further call is read meanwhile. */
    boolean busy;
    EventHub.Subscription subscription;
    /** Set when events wait for the selector thread, so a burst of them wakes it once. */
    final AtomicBoolean eventsSignalled = new AtomicBoolean();
    boolean closed;

    ClientConnection(AFUNIXSocketChannel channel, PeerCredentials peer, Access access, SelectionKey key, int maxMessageBytes) {
        this.channel = channel;
        this.peer = peer;
        this.access = access;
        this.key = key;
        this.framer = new MessageFramer(maxMessageBytes);
    }

    /** Queues one message (JSON and its NUL) and writes what the socket takes now. */
    void send(Map<String, Object> message, long now) throws IOException {
        StringBuilder b = new StringBuilder(256);
        Json.write(b, message);
        b.append('\0');
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (output.isEmpty()) lastWrite = now;
        output.add(ByteBuffer.wrap(bytes));
        outputBytes += bytes.length;
        flush(now);
    }

    /** Writes queued output until the socket takes no more. */
    void flush(long now) throws IOException {
        while (!output.isEmpty()) {
            ByteBuffer head = output.peek();
            int n = channel.write(head);
            if (n > 0) {
                outputBytes -= n;
                lastWrite = now;
            }
            if (head.hasRemaining()) break;
            output.poll();
        }
    }

    /** Whether further calls may be read and answered now. */
    boolean accepting() {
        return !busy && subscription == null && outputBytes < OUTPUT_HIGH_WATER;
    }

    /** Selector interest: calls while accepting (and a subscriber's end), writes while output waits. */
    void updateInterest() {
        if (closed || !key.isValid()) return;
        int ops = 0;
        if (accepting() || subscription != null) ops |= SelectionKey.OP_READ;
        if (outputBytes > 0) ops |= SelectionKey.OP_WRITE;
        if (key.interestOps() != ops) key.interestOps(ops);
    }
}
