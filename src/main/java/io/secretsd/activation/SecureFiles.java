package io.secretsd.activation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * File operations inside the secrets directory. None follows a symbolic link: whatever is planted there is
 * refused or replaced, never written through.
 *
 * <p>Modes are exact despite the umask: a file is created with {@code open(O_CREAT|O_EXCL|O_NOFOLLOW, mode)},
 * which the umask can only narrow, then chowned, then set to exactly {@code mode} with {@code fchmod} (through
 * a descriptor opened {@code O_NOFOLLOW}, which is what the JDK does for {@code unix:mode} without
 * following links), and only then is the first byte written. So the file is never more permissive than
 * {@code mode}, and holds no data until its mode and owner are final. chmod comes after chown because chown
 * clears set-id bits.
 */
final class SecureFiles {
    static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureFiles() {
    }

    /** What an existing regular file holds, read without following links. */
    record Existing(byte[] bytes, int uid, int gid, int mode) {
        @Override
        public String toString() {
            return "Existing[" + bytes.length + " bytes, uid=" + uid + ", gid=" + gid + ", mode=" + mode + "]";
        }
    }

    static void createDirectory(Path dir, int mode, int uid, int gid, boolean chown) throws IOException {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(perms(mode)));
        if (chown) {
            setOwner(dir, uid, gid);
        }
        Files.setAttribute(dir, "unix:mode", mode, NOFOLLOW);
    }

    /**
     * Creates {@code dir} and its missing parents with exactly {@code mode} (root's umask does not narrow it:
     * the service runs with {@code UMask=0077}, which would make them 0700 and unreachable for their users).
     */
    static void createDirectories(Path dir, int mode) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        Path parent = abs.getParent();
        if (parent != null) {
            createDirectories(parent, mode);
        }
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(perms(mode)));
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(abs)) {
                return; // made by someone else meanwhile
            }
            throw e;
        }
        Files.setAttribute(abs, "unix:mode", mode, NOFOLLOW);
    }

    /** Random hex for names that no other run can pick. */
    static String randomSuffix() {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    static void writeNew(Path file, byte[] bytes, int mode, int uid, int gid, boolean chown) throws IOException {
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(perms(mode));
        boolean done = false;
        try (SeekableByteChannel ch = Files.newByteChannel(file, opts, attr)) {
            if (chown) {
                setOwner(file, uid, gid);
            }
            Files.setAttribute(file, "unix:mode", mode, NOFOLLOW);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file); // a half-written file (ENOSPC) must not look installed
            }
        }
    }

    static void setOwner(Path p, int uid, int gid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
        Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
    }

    /** The content and metadata of a regular file, or empty if it is missing or anything else. */
    static Optional<Existing> readRegular(Path file) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:mode,uid,gid,isRegularFile", NOFOLLOW);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.file.FileSystemException e) {
            return Optional.empty(); // ENOTDIR on the way: nothing there
        }
        if (!(Boolean) a.get("isRegularFile")) {
            return Optional.empty();
        }
        byte[] bytes;
        try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, NOFOLLOW))) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + " is too large");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading
            }
            bytes = buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        }
        return Optional.of(new Existing(bytes, (Integer) a.get("uid"), (Integer) a.get("gid"),
                ((Integer) a.get("mode")) & 07777));
    }

    /** Removes a file, a link (not its target) or a whole tree, never descending through links. */
    static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, NOFOLLOW)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                if (ds instanceof SecureDirectoryStream<Path> sds) {
                    deleteChildren(sds);
                } else {
                    for (Path child : ds) {
                        deleteTree(child);
                    }
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /**
     * Empties an open directory by names relative to it (unlinkat): one system call per file, where a path
     * costs two lstat calls and a walk from the root each; a generation of 1,000 entries is pruned after
     * every change. unlink(2) refuses a directory (EISDIR), which is then opened without following a link
     * (O_NOFOLLOW: a symlink is unlinked above, never entered), emptied and removed.
     */
    private static void deleteChildren(SecureDirectoryStream<Path> dir) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path child : dir) {
            names.add(child.getFileName());
        }
        for (Path name : names) {
            try {
                dir.deleteFile(name);
            } catch (NoSuchFileException e) {
                // gone meanwhile
            } catch (FileSystemException e) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, NOFOLLOW)) {
                    deleteChildren(sub);
                }
                dir.deleteDirectory(name);
            }
        }
    }

    /** A hidden name next to {@code p}, for a symlink or directory that is renamed into place. */
    static Path tempSibling(Path p, String tag) {
        return p.resolveSibling("." + p.getFileName() + "." + tag + "-" + randomSuffix());
    }

    /**
     * Points {@code link} at {@code target} atomically: a symlink made under a temporary name, owned as asked,
     * renamed over whatever is at {@code link} (a file or link is replaced, a directory is refused by rename).
     */
    static void placeSymlink(Path link, Path target, int uid, int gid, boolean chown) throws IOException {
        Path tmp = tempSibling(link, "tmp");
        Files.createSymbolicLink(tmp, target);
        try {
            if (chown) {
                setOwner(tmp, uid, gid);
            }
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Whether {@code link} is already a symlink to {@code target} owned by uid:gid. */
    static boolean isSymlinkTo(Path link, Path target, int uid, int gid, boolean checkOwner) {
        try {
            if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
                return false;
            }
            if (!checkOwner) {
                return true;
            }
            Map<String, Object> a = Files.readAttributes(link, "unix:uid,gid", NOFOLLOW);
            return (Integer) a.get("uid") == uid && (Integer) a.get("gid") == gid;
        } catch (IOException e) {
            return false;
        }
    }

    static Set<PosixFilePermission> perms(int mode) {
        return PosixFilePermissions.fromString(toRwx(mode & 0777));
    }

    private static String toRwx(int m) {
        char[] c = "rwxrwxrwx".toCharArray();
        for (int i = 0; i < 9; i++) {
            if ((m & (1 << (8 - i))) == 0) {
                c[i] = '-';
            }
        }
        return new String(c);
    }

    static boolean exists(Path p) {
        return Files.exists(p, NOFOLLOW);
    }

    static void requireAbsent(Path p) throws IOException {
        if (exists(p)) {
            throw new FileAlreadyExistsException(p.toString());
        }
    }
}
