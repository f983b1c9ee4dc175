package io.secretsd.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hostile local user: opens N idle connections to a Unix socket and holds them until its stdin
 * closes. Run by tests as its own process under another uid (setpriv), so it needs nothing but the
 * JDK: tests copy this one class somewhere that user may read.
 */
public final class FloodClient {
    private FloodClient() {}

    public static void main(String[] args) throws IOException {
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<SocketChannel> open = new ArrayList<>(n);
        int failed = 0;
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            try {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(target);
                open.add(c);
            } catch (IOException e) {
                failed++;
            }
        }
        System.out.println("connected " + open.size() + " failed " + failed);
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold every connection until the test lets go
        }
        for (SocketChannel c : open) c.close();
    }
}
