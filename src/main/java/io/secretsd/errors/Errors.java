package io.secretsd.errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Why something failed, in the plain words of an error line ({@code PROGRAM: FILE: what failed: why}): the JDK's
 * file exceptions carry the path as their message and the reason in their class name; users see neither a class
 * name nor the path twice.
 */
public final class Errors {
    private Errors() {}

    /** The reason alone, without the file: {@code no such file}, {@code permission denied}, or the message. */
    public static String reason(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) e = u.getCause();
        return switch (e) {
            case NoSuchFileException n -> "no such file";
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException f -> "already exists";
            case NotDirectoryException n -> "not a directory";
            case DirectoryNotEmptyException d -> "directory not empty";
            case NotLinkException n -> "not a symbolic link";
            case FileSystemLoopException l -> "too many levels of symbolic links";
            case FileSystemException f -> f.getReason() != null ? lower(f.getReason()) : "failed";
            default -> {
                String m = e.getMessage();
                if (m == null || m.isBlank()) {
                    yield e instanceof IOException ? "input/output error" : "internal error";
                }
                yield m.strip();
            }
        };
    }

    /**
     * The reason, when the line already names {@code file}: a message that starts with the file (as this project's
     * parsers write them) loses that prefix, so the path is not said twice.
     */
    public static String reason(Throwable e, Object file) {
        String r = reason(e);
        String f = String.valueOf(file);
        if (e instanceof FileSystemException x && x.getFile() != null && !x.getFile().equals(f)) {
            return x.getFile() + ": " + r; // another file on the way (a parent directory, a link's target)
        }
        if (!f.isEmpty() && r.startsWith(f + ": ")) return r.substring(f.length() + 2);
        return r;
    }

    /** {@code FILE: what: why}. */
    public static String line(Object file, String what, Throwable e) {
        return file + ": " + what + ": " + reason(e, file);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
