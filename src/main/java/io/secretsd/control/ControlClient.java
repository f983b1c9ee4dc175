package io.secretsd.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A varlink client for the control socket. It uses the JDK's own AF_UNIX channels (no native library
 * to unpack), so {@code secretsctl status} starts fast.
 */
public final class ControlClient implements AutoCloseable {
    /** Where secretsd listens unless told otherwise. */
    public static final Path DEFAULT_SOCKET = SocketDefault.SYSTEM;

    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final SocketChannel channel;
    private final MessageReader reader;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new MessageReader(Channels.newInputStream(channel), MAX_REPLY_BYTES);
    }

    public static ControlClient connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            c.close();
            throw new IOException(socket + ": cannot connect to secretsd (" + e.getMessage() + ")", e);
        }
        return new ControlClient(c);
    }

    public StatusSnapshot status() throws IOException {
        return Wire.status(call("io.secretsd.Manager.GetStatus", Map.of()), Instant.now());
    }

    /** The raw parameters of GetStatus, as sent (for {@code --json}). */
    public Map<String, Object> statusJson() throws IOException {
        return call("io.secretsd.Manager.GetStatus", Map.of());
    }

    public void reload() throws IOException {
        call("io.secretsd.Manager.Reload", Map.of());
    }

    /**
     * Subscribes and hands each event to {@code sink} until the server ends the stream (returns) or
     * the connection breaks (throws).
     */
    public void events(Consumer<ControlEvent> sink) throws IOException {
        send("io.secretsd.Manager.Subscribe", Map.of(), true);
        while (true) {
            Map<String, Object> reply = receive();
            sink.accept(Wire.event(Wire.object(reply, "parameters")));
            if (!Boolean.TRUE.equals(reply.get("continues"))) return;
        }
    }

    /** One call, one reply: the reply's parameters, or a {@link VarlinkError}. */
    public Map<String, Object> call(String method, Map<String, Object> parameters) throws IOException {
        send(method, parameters, false);
        return Wire.object(receive(), "parameters");
    }

    private void send(String method, Map<String, Object> parameters, boolean more) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        if (!parameters.isEmpty()) m.put("parameters", parameters);
        if (more) m.put("more", true);
        byte[] json = Json.write(m).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(json.length + 1).put(json).put((byte) 0).flip();
        while (b.hasRemaining()) channel.write(b);
    }

    private Map<String, Object> receive() throws IOException {
        String text = reader.next(0);
        if (text == null) throw new IOException("secretsd closed the connection");
        Map<String, Object> reply = Json.parseObject(text);
        if (reply.get("error") instanceof String name) {
            Object p = reply.get("parameters");
            @SuppressWarnings("unchecked")
            Map<String, Object> params = p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            throw new VarlinkError(name, params);
        }
        if (reply.get("parameters") == null) reply.put("parameters", new LinkedHashMap<String, Object>());
        return reply;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
