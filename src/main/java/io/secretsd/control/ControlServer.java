package io.secretsd.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The varlink control socket: org.varlink.service and io.secretsd.Manager over AF_UNIX, every client
 * served by one selector thread, so a thousand idle clients cost a thousand file descriptors and
 * small objects, never a thousand threads. An authorized Reload is answered when the daemon's
 * activation thread finishes it, with no thread of its own.
 *
 * <p>Each client is judged once, at accept, by its peer credentials: who it is decides what it may
 * do and whether it is let in at all. Each user other than root and the daemon's own has a bounded
 * number of connections, and all of them together leave room for root, so no local user can lock
 * the owner out; a client past its bound is closed at once, holding nothing. A client that breaks the
 * protocol, sends too much or too little, does not read its replies, or is too slow for its event
 * stream is disconnected; nothing a client does reaches another client or the daemon beyond a Reload.
 */
public final class ControlServer implements AutoCloseable {
    public static final Path DEFAULT_PATH = ControlClient.DEFAULT_SOCKET;

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    /** Event bytes queued for a subscriber beyond this, and it is too slow: dropped. */
    static final int SUBSCRIBER_BACKLOG = 256 * 1024;

    /**
     * Limits that keep one client, or one user, from costing the others. {@code maxClientsPerUser}
     * bounds each user's connections but root's and the daemon user's; those users may use all
     * {@code maxClients}, everyone else together all but {@code reservedForOwner}. The idle timeout
     * also bounds how long a client may leave its replies unread.
     */
    public record Limits(int maxMessageBytes, Duration idleTimeout, int maxClients, int backlog, int maxClientsPerUser,
                         int reservedForOwner) {
        public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(10), 4096, 1024, 64, 256);

        public Limits {
            if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes below 1024: " + maxMessageBytes);
            if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
            if (maxClients < 1 || backlog < 1 || maxClientsPerUser < 1) {
                throw new IllegalArgumentException("maxClients, backlog and maxClientsPerUser must be positive");
            }
            if (reservedForOwner < 0 || reservedForOwner >= maxClients) {
                throw new IllegalArgumentException("reservedForOwner must be at least 0 and below maxClients");
            }
        }

        /** The default per-user bound and reserve, scaled down for a small {@code maxClients}. */
        public Limits(int maxMessageBytes, Duration idleTimeout, int maxClients, int backlog) {
            this(maxMessageBytes, idleTimeout, maxClients, backlog, Math.min(64, maxClients), Math.min(256, maxClients / 4));
        }
    }

    /** What the server serves: the daemon's status, its events, its reload and who may see them. */
    public record Service(StatusProvider status, EventHub events, ReloadHandler reload, AccessPolicy policy) {
        public Service {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(reload, "reload");
            Objects.requireNonNull(policy, "policy");
        }
    }

    private final AFUNIXServerSocket server;
    private final AFUNIXServerSocketChannel serverChannel;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final Path path;
    private final Service service;
    private final Limits limits;
    private final Calls calls;
    private final Thread io;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);

    // The selector thread's alone.
    private final Set<ClientConnection> connections = new HashSet<>();
    private final Map<Long, Integer> perUser = new HashMap<>();
    private final Set<Long> warnedUsers = new HashSet<>();
    private long acceptPausedUntil;
    private long nextSweep;
    private long acceptFailureLoggedAt;

    private volatile int clientCount;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile java.util.function.Consumer<String> onFailure = reason -> {};

    private ControlServer(AFUNIXServerSocket server, Path path, Service service, Limits limits) throws IOException {
        this.server = server;
        this.path = path;
        this.service = service;
        this.limits = limits;
        this.calls = new Calls(service);
        this.serverChannel = server.getChannel();
        serverChannel.configureBlocking(false);
        this.selector = serverChannel.provider().openSelector();
        try {
            this.acceptKey = serverChannel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.io = Thread.ofPlatform().name("control-io").daemon().unstarted(this::loop);
    }

    /** Binds a new socket at {@code path} (mode 0666, a stale socket file replaced) and starts serving. */
    public static ControlServer start(Path path, Service service, Limits limits) throws IOException {
        AFUNIXServerSocket bound = SocketFile.bind(path, limits.backlog());
        try {
            ControlServer s = new ControlServer(bound, path, service, limits);
            s.io.start();
            return s;
        } catch (IOException | RuntimeException | Error e) {
            bound.close();
            throw e;
        }
    }

    /** Serves on a socket that is already bound and listening (systemd socket activation). */
    public static ControlServer start(AFUNIXServerSocket bound, Service service, Limits limits) throws IOException {
        ControlServer s = new ControlServer(bound, null, service, limits);
        s.io.start();
        return s;
    }

    /** Number of clients connected now. */
    public int clients() {
        return clientCount;
    }

    /** Why the server stopped serving on its own, or empty while it serves (or was closed). */
    public java.util.Optional<String> failure() {
        Throwable t = failure;
        return t == null ? java.util.Optional.empty() : java.util.Optional.of("control socket stopped: " + t);
    }

    /** {@code listener} hears (once, on the server's thread) that the server stopped serving on its own. */
    public void onFailure(java.util.function.Consumer<String> listener) {
        onFailure = Objects.requireNonNull(listener, "listener");
        failure().ifPresent(listener);
    }

    /** Runs {@code task} on the selector thread. */
    void post(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextSweep - now));
                selector.select(nextSweep == 0 ? 1 : Math.min(wait, 1000));
                if (closed) break;
                now = System.nanoTime();
                for (SelectionKey k : selector.selectedKeys()) {
                    if (k == acceptKey) {
                        if (k.isValid()) acceptAll(now);
                    } else {
                        ready((ClientConnection) k.attachment(), k, now);
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable t; (t = tasks.poll()) != null; ) t.run();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + sweepInterval();
                }
            }
        } catch (ClosedSelectorException e) {
            // closed
        } catch (IOException | RuntimeException | Error e) {
            if (!closed) {
                failure = e;
                log.error("control socket: stopped serving: {}", e.toString());
                onFailure.accept("control socket stopped: " + e);
            }
        } finally {
            for (ClientConnection c : new ArrayList<>(connections)) drop(c, null);
            closeQuietly(selector);
        }
    }

    private long sweepInterval() {
        return Math.clamp(limits.idleTimeout().toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1));
    }

    private void acceptAll(long now) {
        while (true) {
            AFUNIXSocketChannel ch;
            try {
                ch = serverChannel.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: stop accepting for a moment rather than spin
                if (now - acceptFailureLoggedAt > TimeUnit.MINUTES.toNanos(1) || acceptFailureLoggedAt == 0) {
                    acceptFailureLoggedAt = now;
                    log.warn("control socket: accept failed: {}", e.getMessage());
                }
                acceptKey.interestOps(0);
                acceptPausedUntil = now + TimeUnit.MILLISECONDS.toNanos(100);
                nextSweep = Math.min(nextSweep, acceptPausedUntil);
                return;
            }
            if (ch == null) return;
            admit(ch, now);
        }
    }

    private void admit(AFUNIXSocketChannel ch, long now) {
        PeerCredentials peer;
        Access access;
        try {
            peer = PeerCredentials.of(ch.getPeerCredentials());
            access = service.policy().decide(peer);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            return;
        }
        boolean owner = access == Access.FULL;
        int mine = perUser.getOrDefault(peer.uid(), 0);
        boolean room = owner ? connections.size() < limits.maxClients()
                : connections.size() < limits.maxClients() - limits.reservedForOwner() && mine < limits.maxClientsPerUser();
        if (!room) {
            closeQuietly(ch);
            if (warnedUsers.add(peer.uid())) {
                log.warn("control socket: refusing connections from uid {} (pid {}): {} open of its {}, {} of {} in all",
                        peer.uid(), peer.pid(), mine, owner ? limits.maxClients() : limits.maxClientsPerUser(),
                        connections.size(), limits.maxClients());
            }
            return;
        }
        try {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            ClientConnection c = new ClientConnection(ch, peer, access, key, limits.maxMessageBytes());
            key.attach(c);
            c.deadline = now + limits.idleTimeout().toNanos();
            connections.add(c);
            perUser.merge(peer.uid(), 1, Integer::sum);
            clientCount = connections.size();
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
        }
    }

    private void ready(ClientConnection c, SelectionKey k, long now) {
        try {
            // junixsocket's selector cancels the key of a peer that hung up (and reads then return 0)
            if (!k.isValid()) throw new IOException("hung up");
            if (k.isWritable()) c.flush(now);
            if (k.isReadable() && !read(c, now)) return;
            process(c, now);
        } catch (ProtocolException e) {
            drop(c, "client dropped: " + e.getMessage());
        } catch (IOException e) {
            drop(c, closed ? null : "client gone: " + e.getMessage());
        }
    }

    /** Reads what has arrived; false when the connection ended (and was dropped). */
    private boolean read(ClientConnection c, long now) throws IOException {
        while (true) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                if (c.subscription == null && c.framer.partial()) throw new ProtocolException("connection closed inside a message");
                drop(c, null);
                return false;
            }
            if (n == 0) {
                if (c.key.isValid()) return true;
                drop(c, null); // hung up
                return false;
            }
            if (c.subscription != null) {
                // Anything after the Subscribe call ends the subscription.
                drop(c, null);
                return false;
            }
            readBuffer.flip();
            c.framer.feed(readBuffer);
            if (n < readBuffer.capacity()) return true;
        }
    }

    /** Answers the calls that have arrived, as far as the connection accepts them now. */
    private void process(ClientConnection c, long now) throws IOException {
        while (c.accepting()) {
            String text = c.framer.next();
            if (text == null) break;
            c.deadline = now + limits.idleTimeout().toNanos();
            call(c, Json.parseObject(text), now);
        }
        c.updateInterest();
    }

    private void call(ClientConnection c, Map<String, Object> call, long now) throws IOException {
        if (!(call.get("method") instanceof String method)) throw new ProtocolException("call without a method");
        boolean oneway = Boolean.TRUE.equals(call.get("oneway"));
        if (!Calls.permitted(c.access, method)) {
            if (!oneway) c.send(Calls.error("org.varlink.service.PermissionDenied", Map.of()), now);
            return;
        }
        Object params = call.getOrDefault("parameters", Map.of());
        if (params == null) params = Map.of();
        boolean none = params instanceof Map<?, ?> m && m.isEmpty();
        if (method.equals(Interfaces.MANAGER + ".Subscribe") && Boolean.TRUE.equals(call.get("more")) && none) {
            subscribe(c);
        } else if (method.equals(Interfaces.MANAGER + ".Reload") && none) {
            reload(c, oneway);
        } else {
            Map<String, Object> reply = calls.answer(method, params);
            if (!oneway) c.send(reply, now);
        }
    }

    private void reload(ClientConnection c, boolean oneway) {
        c.busy = true;
        log.info("control socket: reload requested by uid {} (pid {})", c.peer.uid(), c.peer.pid());
        CompletionStage<Void> done;
        try {
            done = service.reload().start();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        // answered from whichever thread finishes the reload, by a task on this one
        done.whenComplete((v, e) -> {
            Map<String, Object> reply = e == null ? Calls.reply(Map.of())
                    : Calls.error("io.secretsd.Manager.ReloadFailed", Map.of("reason", reason(e)));
            post(() -> reloaded(c, oneway ? null : reply));
        });
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        if (t == null) t = e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void reloaded(ClientConnection c, Map<String, Object> reply) {
        if (c.closed) return;
        long now = System.nanoTime();
        c.busy = false;
        c.deadline = now + limits.idleTimeout().toNanos();
        try {
            if (reply != null) c.send(reply, now);
            process(c, now);
        } catch (ProtocolException e) {
            drop(c, "client dropped: " + e.getMessage());
        } catch (IOException e) {
            drop(c, "client gone: " + e.getMessage());
        }
    }

    private void subscribe(ClientConnection c) {
        c.subscription = service.events().subscribe(() -> {
            if (c.eventsSignalled.compareAndSet(false, true)) post(() -> deliverEvents(c));
        });
    }

    private void deliverEvents(ClientConnection c) {
        c.eventsSignalled.set(false);
        if (c.closed) return;
        EventHub.Subscription sub = c.subscription;
        long now = System.nanoTime();
        try {
            for (ControlEvent e; (e = sub.poll()) != null; ) {
                Map<String, Object> m = Calls.reply(Wire.event(e));
                m.put("continues", true);
                c.send(m, now);
                if (c.outputBytes > SUBSCRIBER_BACKLOG) break;
            }
            if (c.outputBytes > SUBSCRIBER_BACKLOG || sub.overflowed()) {
                drop(c, tooSlow(c));
                return;
            }
            if (sub.isClosed()) {
                drop(c, null);
                return;
            }
            c.updateInterest();
        } catch (IOException e) {
            drop(c, "client gone: " + e.getMessage());
        }
    }

    private static String tooSlow(ClientConnection c) {
        return "subscriber uid " + c.peer.uid() + " (pid " + c.peer.pid() + ") too slow, dropped";
    }

    /** Drops clients past their deadlines: silent or trickling callers, and readers that stopped reading. */
    private void sweep(long now) {
        if (acceptKey.isValid() && acceptKey.interestOps() == 0 && now - acceptPausedUntil >= 0) acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        long idle = limits.idleTimeout().toNanos();
        for (ClientConnection c : new ArrayList<>(connections)) {
            if (c.outputBytes > 0 && now - c.lastWrite > idle) {
                drop(c, c.subscription != null ? tooSlow(c) : "client dropped: did not read its replies for " + limits.idleTimeout().toMillis() + " ms");
            } else if (c.subscription == null && !c.busy && c.outputBytes == 0 && now - c.deadline > 0) {
                drop(c, null);
            }
        }
    }

    /** Closes a connection; {@code why}, when given, is logged (slow subscribers at info, once each). */
    private void drop(ClientConnection c, String why) {
        if (c.closed) return;
        c.closed = true;
        if (why != null) {
            if (why.contains("too slow")) log.info("control socket: {}", why);
            else log.debug("control socket: {}", why);
        }
        if (c.subscription != null) c.subscription.close();
        c.key.cancel();
        closeQuietly(c.channel);
        if (connections.remove(c)) {
            perUser.computeIfPresent(c.peer.uid(), (u, n) -> n == 1 ? null : n - 1);
            if (!perUser.containsKey(c.peer.uid())) warnedUsers.remove(c.peer.uid());
        }
        clientCount = connections.size();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a socket that is already broken
        }
    }

    /** Stops accepting, disconnects every client and removes the socket file it bound. */
    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            io.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        if (path != null) Files.deleteIfExists(path);
    }
}
