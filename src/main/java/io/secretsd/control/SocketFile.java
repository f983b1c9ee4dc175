package io.secretsd.control;

import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Binds the control socket at its path. Authorization is by peer credentials, so the socket is
 * world-connectable (0666). A socket file left by a dead daemon is replaced; a live daemon's socket,
 * or a path that is not a socket at all, is refused. (Binding under a temporary name and renaming it
 * into place would close the window where the path is missing, but junixsocket treats a renamed
 * socket file as deleted and closes the server socket.)
 */
final class SocketFile {
    private SocketFile() {}

    static AFUNIXServerSocket bind(Path path, int backlog) throws IOException {
        createDirectories(path.toAbsolutePath().getParent());
        if (checkStale(path)) Files.delete(path);
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        try {
            server.bind(AFUNIXSocketAddress.of(path), backlog);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Creates the missing directories down to {@code dir}, each 0755 whatever the umask (the shipped
     * unit's is 0077), so the status group can reach the socket; existing ones are left as they are.
     */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null) createDirectories(parent);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) return; // made meanwhile by someone else: theirs to set
            throw e;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** True when a dead daemon's socket file is in the way; throws when something else is. */
    private static boolean checkStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return false;
        Object type = Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode");
        if (!(type instanceof Integer mode) || (mode & 0170000) != 0140000) {
            throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a socket; not replacing it");
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(path));
        } catch (SocketException e) {
            return true; // connection refused: nobody listens, the file is stale
        }
        throw new FileAlreadyExistsException(path.toString(), null, "another secretsd is listening on it");
    }
}
