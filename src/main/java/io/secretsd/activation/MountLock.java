package io.secretsd.activation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * The lock every writer of a mount point holds for a whole activation: the daemon, {@code secretsd activate}
 * and {@code sops-install-secrets} all go through {@link Activation}, which takes it before it reads the
 * current generation. It is a {@code fcntl} write lock on {@code .<mount point name>.lock} beside the mount
 * point (not inside it: the mount replaces the directory), so the kernel releases it when the holder dies,
 * however it dies; the file itself is never removed (removing a lock file lets two writers lock two files).
 * A second writer waits for the lock up to a deadline, then gives up before it has touched anything.
 *
 * <p>{@code fcntl} locks belong to the process: within one process, activations of one mount point must not
 * overlap (the daemon runs them on a single thread), since closing any descriptor of the file drops the lock.
 */
final class MountLock implements AutoCloseable {
    /** Long enough for any real activation (a 1,000-secret host takes seconds), short enough to be noticed. */
    static final Duration WAIT = Duration.ofMinutes(2);

    private final FileChannel channel;
    private final FileLock lock;
    private final Duration waited;

    private MountLock(FileChannel channel, FileLock lock, Duration waited) {
        this.channel = channel;
        this.lock = lock;
        this.waited = waited;
    }

    static Path file(Path mountPoint) throws IOException {
        Path name = mountPoint.getFileName();
        if (name == null) {
            throw new IOException("cannot use " + mountPoint + " as the secrets mount point");
        }
        return mountPoint.resolveSibling("." + name + ".lock");
    }

    /** Takes the lock of {@code mountPoint}, waiting up to {@code wait} for another writer to finish. */
    static MountLock acquire(Path mountPoint, Duration wait) throws IOException {
        Path f = file(mountPoint);
        SecureFiles.createDirectories(f.getParent(), 0755);
        FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, SecureFiles.NOFOLLOW),
                PosixFilePermissions.asFileAttribute(SecureFiles.perms(0600)));
        try {
            long start = System.nanoTime();
            long pause = 5;
            while (true) {
                FileLock l = tryLock(ch);
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    return new MountLock(ch, l, waited);
                }
                if (waited.compareTo(wait) >= 0) {
                    throw new IOException("another activation of " + mountPoint + holder(ch) + " still holds " + f
                            + " after " + wait.toSeconds() + " s; gave up, nothing was changed");
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + f, e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this process: a caller broke the one-at-a-time rule; wait as for another
        }
    }

    /** " (pid N)" from the holder's lock file, read through our own descriptor (a second one would drop locks). */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(24);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return s.matches("[0-9]{1,10}") ? " (pid " + s + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** How long the caller waited for another writer. */
    Duration waited() {
        return waited;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
