package io.secretsd.systemd;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.newsclub.net.unix.AFUNIXServerSocket;

/** Run by systemd-socket-activate in SocketActivationTest: accepts one client on the inherited socket. */
public final class SocketActivationChild {
    public static void main(String[] args) throws Exception {
        try {
            AFUNIXServerSocket server = SocketActivation.controlSocket().orElseThrow(
                    () -> new IllegalStateException("no inherited control socket"));
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                String reply = "accepted on " + server.getLocalSocketAddress() + " pid " + ProcessHandle.current().pid()
                        + " fds " + SocketActivation.listenFds(System.getenv(), ProcessHandle.current().pid()) + "\n";
                out.write(reply.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            System.err.println("child: " + e);
            System.exit(2);
        }
    }
}
