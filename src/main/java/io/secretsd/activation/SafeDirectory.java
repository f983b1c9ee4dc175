package io.secretsd.activation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A directory outside the secrets mount that root is about to write a {@code path} link into, reached from
 * {@code /} one component at a time through open directory handles ({@code openat} with {@code O_NOFOLLOW}),
 * never by a path a user could redirect. It applies systemd's rule for unsafe path transitions: going from
 * something a non-root user owns to something another user owns is refused, so a symbolic link or a
 * {@code ..} that a user controls cannot lead root into a folder the user may not write (a user's link to
 * {@code /}-anything is such a transition, since {@code /} is root's). The final rename happens inside the
 * opened directory, so the last component is replaced, never followed.
 *
 * <p>Missing directories are created with mode 0755 whatever the umask, owned like the directory they are
 * created in (root's in root's, a user's in that user's: a root-owned folder inside a user's home would be
 * an unsafe transition itself).
 */
final class SafeDirectory implements AutoCloseable {
    private static final int MAX_LINKS = 40; // as the kernel's ELOOP limit

    private final SecureDirectoryStream<Path> dir;
    private final Path path;

    private SafeDirectory(SecureDirectoryStream<Path> dir, Path path) {
        this.dir = dir;
        this.path = path;
    }

    /** An open directory and the owner of what led to it, as the walk sees them. */
    private record Step(SecureDirectoryStream<Path> dir, Path path, PosixFileAttributes attrs) {
    }

    /**
     * Opens {@code target} (absolute), creating what is missing when {@code create}; throws with the offending
     * component when the walk would cross an unsafe transition.
     */
    static SafeDirectory open(Path target, boolean create) throws IOException {
        UserPrincipal root = target.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root");
        Deque<Step> stack = new ArrayDeque<>();
        try {
            Path slash = target.getRoot();
            stack.push(new Step(secure(Files.newDirectoryStream(slash)), slash, attrs(slash)));
            Deque<String> todo = new ArrayDeque<>();
            target.forEach(p -> todo.add(p.toString()));
            UserPrincipal previous = stack.peek().attrs().owner();
            int links = 0;
            Path created = null;
            while (!todo.isEmpty()) {
                String c = todo.pop();
                Step top = stack.peek();
                if (c.isEmpty() || c.equals(".")) {
                    continue;
                }
                if (c.equals("..")) {
                    if (stack.size() > 1) {
                        stack.pop().dir().close();
                        UserPrincipal parent = stack.peek().attrs().owner();
                        refuseUnsafe(previous, parent, root, top.path(), stack.peek().path());
                        previous = parent;
                    }
                    continue;
                }
                Path name = Path.of(c);
                Path where = top.path().resolve(c);
                PosixFileAttributes a;
                try {
                    a = top.dir().getFileAttributeView(name, PosixFileAttributeView.class, SecureFiles.NOFOLLOW)
                            .readAttributes();
                } catch (NoSuchFileException e) {
                    if (!create || where.equals(created)) {
                        throw e;
                    }
                    mkdir(top, name, where);
                    created = where;
                    todo.push(c);
                    continue;
                }
                refuseUnsafe(previous, a.owner(), root, top.path(), where);
                previous = a.owner();
                if (a.isSymbolicLink()) {
                    if (++links > MAX_LINKS) {
                        throw new FileSystemException(where.toString(), null, "too many levels of symbolic links");
                    }
                    Path to = Files.readSymbolicLink(where); // its owner and its directory's are checked above
                    List<String> parts = new ArrayList<>();
                    to.forEach(p -> parts.add(p.toString()));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.push(parts.get(i));
                    }
                    if (to.isAbsolute()) {
                        while (stack.size() > 1) {
                            stack.pop().dir().close();
                        }
                        refuseUnsafe(previous, stack.peek().attrs().owner(), root, where, stack.peek().path());
                        previous = stack.peek().attrs().owner();
                    }
                } else if (a.isDirectory()) {
                    stack.push(new Step(top.dir().newDirectoryStream(name, SecureFiles.NOFOLLOW), where, a));
                } else {
                    throw new FileSystemException(where.toString(), null, "not a directory");
                }
            }
            Step last = stack.pop();
            return new SafeDirectory(last.dir(), last.path());
        } finally {
            for (Step s : stack) {
                s.dir().close();
            }
        }
    }

    private static void refuseUnsafe(UserPrincipal from, UserPrincipal to, UserPrincipal root, Path fromPath,
                                     Path toPath) throws IOException {
        if (!from.equals(root) && !from.equals(to)) {
            throw new IOException("unsafe path transition from " + fromPath
                    + " (owned by " + from.getName() + ") to " + toPath + " (owned by " + to.getName()
                    + "); refusing to follow it as root");
        }
    }

    /** A directory with exact mode 0755 and the owner of the directory it is made in. */
    private static void mkdir(Step parent, Path name, Path where) throws IOException {
        try {
            Files.createDirectory(where, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    SecureFiles.perms(0755)));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return; // made meanwhile: the walk looks at it like at any other
        }
        // through the open parent: if the path was redirected meanwhile, this fails instead of touching it
        PosixFileAttributeView v = parent.dir().getFileAttributeView(name, PosixFileAttributeView.class,
                SecureFiles.NOFOLLOW);
        v.setOwner(parent.attrs().owner());
        v.setGroup(parent.attrs().group());
        v.setPermissions(SecureFiles.perms(0755));
    }

    private static PosixFileAttributes attrs(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class, SecureFiles.NOFOLLOW);
    }

    @SuppressWarnings("unchecked")
    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> ds) throws IOException {
        if (ds instanceof SecureDirectoryStream<?> s) {
            return (SecureDirectoryStream<Path>) s;
        }
        ds.close();
        throw new IOException("this platform cannot open directories without following links");
    }

    Path path() {
        return path;
    }

    /** Whether {@code name} in this directory is a symbolic link (not followed). */
    boolean isSymlink(String name) throws IOException {
        try {
            return dir.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, SecureFiles.NOFOLLOW)
                    .readAttributes().isSymbolicLink();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Points {@code name} at {@code target}: a link made under a temporary name, then renamed inside this open
     * directory over whatever {@code name} is (a file or link is replaced, a directory refused, nothing
     * followed).
     */
    void placeSymlink(String name, Path target, int uid, int gid, boolean chown) throws IOException {
        String tmp = "." + name + ".tmp-" + SecureFiles.randomSuffix();
        Files.createSymbolicLink(path.resolve(tmp), target);
        try {
            if (chown) {
                SecureFiles.setOwner(path.resolve(tmp), uid, gid);
            }
            dir.move(Path.of(tmp), dir, Path.of(name));
        } catch (IOException e) {
            Files.deleteIfExists(path.resolve(tmp));
            throw e;
        }
    }

    /** Removes {@code name} (a link: never followed) from this open directory. */
    void delete(String name) throws IOException {
        dir.deleteFile(Path.of(name));
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }
}
