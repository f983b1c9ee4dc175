package io.secretsd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an editor sees plaintext: a fresh 0700 directory in {@code $XDG_RUNTIME_DIR} or {@code /dev/shm} (memory,
 * never persistent disk), falling back to the temp directory only when neither exists. Removed on close and, if
 * the JVM is stopped by a signal first, by a shutdown hook.
 */
final class EditorScratch implements AutoCloseable {
    private final Path dir;
    private final Thread hook;

    private EditorScratch(Path dir) {
        this.dir = dir;
        this.hook = new Thread(this::remove, "editor-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static EditorScratch create() throws IOException {
        return in(base());
    }

    /**
     * For a command run as another user, who cannot reach this user's {@code $XDG_RUNTIME_DIR}: a folder in
     * {@code /dev/shm} (memory, sticky), handed to that user by the caller.
     */
    static EditorScratch createShared() throws IOException {
        Path shm = Path.of("/dev/shm");
        return in(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static EditorScratch in(Path base) throws IOException {
        return new EditorScratch(Files.createTempDirectory(base, "secretsctl-edit-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    private static Path base() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) return Path.of(xdg);
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) return shm;
        System.err.println("secretsctl: warning: neither $XDG_RUNTIME_DIR nor /dev/shm is usable: the plaintext goes to the temp directory");
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path dir() {
        return dir;
    }

    /** A 0600 file named like the original (so the editor picks its syntax) holding {@code content}. */
    Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        // 0600 from the first byte, whatever the umask
        try (var ch = Files.newByteChannel(p, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
            while (buf.hasRemaining()) ch.write(buf);
        }
        return p;
    }

    private void remove() {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("secretsctl: " + dir + ": could not remove the editor's directory: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
    }
}
