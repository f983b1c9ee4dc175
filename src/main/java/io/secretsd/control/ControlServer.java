package io.secretsd.control;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The varlink control socket: org.varlink.service and io.secretsd.Manager over AF_UNIX, one thread
 * per client. The threads are platform threads with small stacks, not virtual threads: junixsocket's
 * poller for blocking reads on virtual threads now and then missed a ready socket here (a client's
 * call left unanswered until the idle timeout), while its plain blocking reads are exact. Each client is judged once, by its peer credentials at connect time. A client
 * that breaks the protocol, sends too much or too little, or is too slow for its event stream is
 * disconnected; nothing a client does reaches another client or the daemon beyond a Reload call.
 */
public final class ControlServer implements AutoCloseable {
    public static final Path DEFAULT_PATH = ControlClient.DEFAULT_SOCKET;

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    /** Limits that keep one client from costing the others. */
    public record Limits(int maxMessageBytes, Duration idleTimeout, int maxClients, int backlog) {
        public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(10), 4096, 1024);

        public Limits {
            if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes below 1024: " + maxMessageBytes);
            if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
            if (maxClients < 1 || backlog < 1) throw new IllegalArgumentException("maxClients and backlog must be positive");
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

    // Threads are kept for a while after their client leaves: a status query per connection
    // (secretsctl status) then costs no thread creation.
    private final ExecutorService clientThreads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("control-client-", 0).daemon().stackSize(256 * 1024).factory());

    /** The entries of the current snapshot, encoded once: they change per activation, not per query. */
    private record EncodedEntries(StatusSnapshot snapshot, Json.Raw json) {}

    private volatile EncodedEntries encoded;

    private Json.Raw encodedEntries(StatusSnapshot s) {
        EncodedEntries e = encoded;
        if (e == null || e.snapshot() != s) {
            e = new EncodedEntries(s, new Json.Raw(Json.write(Wire.entries(s))));
            encoded = e;
        }
        return e.json();
    }

    private final AFUNIXServerSocket server;
    private final Path path;
    private final Service service;
    private final Limits limits;
    private final Semaphore slots;
    private final Set<AFUNIXSocket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread acceptor;

    private ControlServer(AFUNIXServerSocket server, Path path, Service service, Limits limits) {
        this.server = server;
        this.path = path;
        this.service = service;
        this.limits = limits;
        this.slots = new Semaphore(limits.maxClients());
    }

    /** Binds a new socket at {@code path} (mode 0666, a stale socket file replaced) and starts serving. */
    public static ControlServer start(Path path, Service service, Limits limits) throws IOException {
        ControlServer s = new ControlServer(SocketFile.bind(path, limits.backlog()), path, service, limits);
        s.startAccepting();
        return s;
    }

    /** Serves on a socket that is already bound and listening (systemd socket activation). */
    public static ControlServer start(AFUNIXServerSocket bound, Service service, Limits limits) {
        ControlServer s = new ControlServer(bound, null, service, limits);
        s.startAccepting();
        return s;
    }

    /** Number of clients connected now. */
    public int clients() {
        return clients.size();
    }

    private void startAccepting() {
        acceptor = Thread.ofPlatform().name("control-accept").daemon().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            AFUNIXSocket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) return;
                log.warn("control socket: accept failed: {}", e.getMessage());
                try {
                    Thread.sleep(50); // e.g. out of file descriptors: do not spin
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(s);
                continue;
            }
            clients.add(s);
            try {
                clientThreads.execute(() -> {
                    try {
                        serve(s);
                    } finally {
                        clients.remove(s);
                        closeQuietly(s);
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException | OutOfMemoryError e) {
                // closing down, or no thread to be had: this client goes, the server stays
                clients.remove(s);
                closeQuietly(s);
                slots.release();
            }
        }
    }

    private void serve(AFUNIXSocket s) {
        try {
            AFUNIXSocketCredentials c = s.getPeerCredentials();
            PeerCredentials peer = new PeerCredentials(c.getPid(), c.getUid(), c.getGid());
            Access access = service.policy().decide(peer);
            new Connection(s, peer, access).run();
        } catch (SocketTimeoutException | ProtocolException e) {
            log.debug("control socket: client dropped: {}", e.getMessage());
        } catch (IOException e) {
            if (!closed) log.debug("control socket: client gone: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("control socket: client dropped after an internal error", e);
        }
    }

    /** One client's conversation. */
    private final class Connection {
        private final AFUNIXSocket socket;
        private final PeerCredentials peer;
        private final Access access;
        private final OutputStream out;

        Connection(AFUNIXSocket socket, PeerCredentials peer, Access access) throws IOException {
            this.socket = socket;
            this.peer = peer;
            this.access = access;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        void run() throws IOException {
            long idle = limits.idleTimeout().toNanos();
            socket.setSoTimeout((int) Math.max(1, limits.idleTimeout().toMillis()));
            MessageReader reader = new MessageReader(socket.getInputStream(), limits.maxMessageBytes());
            while (!closed) {
                String text = reader.next(System.nanoTime() + idle);
                if (text == null) return;
                Map<String, Object> call = Json.parseObject(text);
                if (!(call.get("method") instanceof String method)) throw new ProtocolException("call without a method");
                boolean oneway = Boolean.TRUE.equals(call.get("oneway"));
                boolean more = Boolean.TRUE.equals(call.get("more"));
                // Subscribe with "more" turns the connection into an event stream until the client leaves.
                Object params = call.getOrDefault("parameters", Map.of());
                if (params == null) params = Map.of();
                if (method.equals(Interfaces.MANAGER + ".Subscribe") && access != Access.DENIED && more && params instanceof Map<?, ?> m && m.isEmpty()) {
                    subscribe();
                    return;
                }
                Map<String, Object> reply = params instanceof Map<?, ?> p ? call(method, p) : error("org.varlink.service.InvalidParameter", Map.of("parameter", "parameters"));
                if (!oneway) send(reply);
            }
        }

        private Map<String, Object> call(String method, Map<?, ?> params) {
            // A stranger learns nothing, not even which interfaces exist.
            if (access == Access.DENIED) return error("org.varlink.service.PermissionDenied", Map.of());
            int dot = method.lastIndexOf('.');
            String iface = dot < 0 ? "" : method.substring(0, dot);
            if (!iface.equals(Interfaces.SERVICE) && !iface.equals(Interfaces.MANAGER)) {
                return error("org.varlink.service.InterfaceNotFound", Map.of("interface", iface));
            }
            return switch (method) {
                case "org.varlink.service.GetInfo" -> noParams(params).orElse(() -> reply(Map.of(
                        "vendor", "secretsd",
                        "product", "secretsd",
                        "version", service.status().current().version(),
                        "url", "",
                        "interfaces", List.of(Interfaces.SERVICE, Interfaces.MANAGER))));
                case "org.varlink.service.GetInterfaceDescription" -> describe(params);
                case "io.secretsd.Manager.GetStatus" -> noParams(params).orElse(this::status);
                case "io.secretsd.Manager.Reload" -> noParams(params).orElse(this::reload);
                case "io.secretsd.Manager.Subscribe" -> noParams(params).orElse(
                        () -> error("org.varlink.service.ExpectedMore", Map.of()));
                default -> error("org.varlink.service.MethodNotFound", Map.of("method", method));
            };
        }

        private Map<String, Object> describe(Map<?, ?> params) {
            for (Object k : params.keySet()) {
                if (!"interface".equals(k)) return error("org.varlink.service.InvalidParameter", Map.of("parameter", String.valueOf(k)));
            }
            if (!(params.get("interface") instanceof String iface)) {
                return error("org.varlink.service.InvalidParameter", Map.of("parameter", "interface"));
            }
            String idl = switch (iface) {
                case Interfaces.SERVICE -> Interfaces.SERVICE_IDL;
                case Interfaces.MANAGER -> Interfaces.MANAGER_IDL;
                default -> null;
            };
            if (idl == null) return error("org.varlink.service.InterfaceNotFound", Map.of("interface", iface));
            return reply(Map.of("description", idl));
        }

        private Map<String, Object> status() {
            StatusSnapshot s = service.status().current();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("daemon", Wire.daemon(s, Instant.now()));
            p.put("entries", encodedEntries(s));
            return reply(p);
        }

        private Map<String, Object> reload() {
            if (access != Access.FULL) return error("org.varlink.service.PermissionDenied", Map.of());
            log.info("control socket: reload requested by uid {} (pid {})", peer.uid(), peer.pid());
            try {
                service.reload().reload();
                return reply(Map.of());
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return error("io.secretsd.Manager.ReloadFailed", Map.of("reason", reason));
            }
        }

        private void subscribe() throws IOException {
            socket.setSoTimeout(0); // a subscriber may stay silent for ever; its EOF ends the stream
            try (EventHub.Subscription sub = service.events().subscribe()) {
                Thread watcher = Thread.ofPlatform().name("control-subscriber-eof").daemon().stackSize(128 * 1024).start(() -> {
                    try {
                        // Anything after the Subscribe call, or its end, ends the subscription.
                        socket.getInputStream().read();
                    } catch (IOException e) {
                        // the socket was closed
                    } finally {
                        sub.close();
                    }
                });
                try {
                    while (!closed && !sub.isClosed()) {
                        ControlEvent e = sub.next(500);
                        if (e == null) continue;
                        Map<String, Object> m = reply(Wire.event(e));
                        m.put("continues", true);
                        send(m);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    watcher.interrupt();
                    if (sub.overflowed()) log.info("control socket: subscriber uid {} (pid {}) too slow, dropped", peer.uid(), peer.pid());
                }
            }
        }

        private void send(Map<String, Object> message) throws IOException {
            StringBuilder b = new StringBuilder(512);
            Json.write(b, message);
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
        }
    }

    /** Either a reply or an InvalidParameter error for a method that takes no parameters. */
    private record Check(Map<String, Object> invalid) {
        Map<String, Object> orElse(java.util.function.Supplier<Map<String, Object>> reply) {
            return invalid != null ? invalid : reply.get();
        }
    }

    private static Check noParams(Map<?, ?> params) {
        for (Object k : params.keySet()) {
            return new Check(error("org.varlink.service.InvalidParameter", Map.of("parameter", String.valueOf(k))));
        }
        return new Check(null);
    }

    private static Map<String, Object> reply(Map<String, Object> parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        return m;
    }

    private static Map<String, Object> error(String name, Map<String, Object> parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", name);
        m.put("parameters", parameters);
        return m;
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
        server.close();
        for (AFUNIXSocket s : clients) closeQuietly(s);
        clientThreads.shutdown();
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path != null) Files.deleteIfExists(path);
    }
}
