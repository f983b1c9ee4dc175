package io.secretsd.systemd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * sd_listen_fds(3): the listening sockets systemd passed as fds 3, 4, ... (LISTEN_FDS, LISTEN_PID,
 * LISTEN_FDNAMES). Only the control socket is expected: secretsd.socket names it
 * {@value #CONTROL_SOCKET_NAME} with FileDescriptorName=.
 *
 * <p>Java cannot unset environment variables; whoever starts child processes should remove LISTEN_* from
 * their environment (ProcessBuilder does not pass the fds themselves on).
 */
public final class SocketActivation {

    /** First inherited fd (SD_LISTEN_FDS_START). */
    public static final int FIRST_FD = 3;
    public static final String CONTROL_SOCKET_NAME = "io.secretsd.Manager";

    /** One inherited fd and its name ("unknown" when LISTEN_FDNAMES does not say). */
    public record ListenFd(int fd, String name) {}

    private SocketActivation() {}

    /** The fds passed to this process, or none when LISTEN_PID names another process or is unset. */
    public static List<ListenFd> listenFds(Map<String, String> env, long pid) throws SocketActivationException {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return List.of();
        }
        long forPid = parse("LISTEN_PID", listenPid);
        if (forPid != pid) {
            return List.of(); // meant for a parent that exec'd or forked us: not ours
        }
        long n = parse("LISTEN_FDS", listenFds);
        if (n < 0 || n > 1024) {
            throw new SocketActivationException("LISTEN_FDS: " + n + " is out of range");
        }
        String names = env.get("LISTEN_FDNAMES");
        String[] split = names == null || names.isEmpty() ? new String[0] : names.split(":", -1);
        if (split.length != 0 && split.length != n) {
            throw new SocketActivationException("LISTEN_FDNAMES: " + split.length + " names for " + n + " fds");
        }
        List<ListenFd> fds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fds.add(new ListenFd(FIRST_FD + i, split.length == 0 ? "unknown" : split[i]));
        }
        return List.copyOf(fds);
    }

    /** The control socket passed by systemd to this process, if any. */
    public static Optional<AFUNIXServerSocket> controlSocket() throws IOException {
        return controlSocket(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * The fd named {@value #CONTROL_SOCKET_NAME}, or the only fd when there is one (e.g. names not given),
     * as a junixsocket server socket ready for accept().
     */
    public static Optional<AFUNIXServerSocket> controlSocket(Map<String, String> env, long pid) throws IOException {
        List<ListenFd> fds = listenFds(env, pid);
        Optional<ListenFd> chosen = fds.stream().filter(f -> f.name().equals(CONTROL_SOCKET_NAME)).findFirst();
        if (chosen.isEmpty() && fds.size() == 1) {
            chosen = Optional.of(fds.getFirst());
        }
        if (chosen.isEmpty()) {
            if (!fds.isEmpty()) {
                throw new SocketActivationException("LISTEN_FDNAMES: no fd named " + CONTROL_SOCKET_NAME
                        + " among " + fds.stream().map(ListenFd::name).toList());
            }
            return Optional.empty();
        }
        return Optional.of(serverSocket(chosen.get()));
    }

    /** The inherited fd as an AF_UNIX server socket; fails when it is something else (e.g. a TCP socket). */
    public static AFUNIXServerSocket serverSocket(ListenFd fd) throws IOException {
        FileDescriptorCast cast = FileDescriptorCast.unsafeUsing(fd.fd());
        if (!cast.isAvailable(AFUNIXServerSocket.class)) {
            throw new SocketActivationException("fd " + fd.fd() + " (" + fd.name()
                    + ") is not an AF_UNIX socket; available as " + cast.availableTypes());
        }
        return cast.as(AFUNIXServerSocket.class);
    }

    private static long parse(String name, String value) throws SocketActivationException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SocketActivationException(name + ": not a number: \"" + value + "\"");
        }
    }
}
