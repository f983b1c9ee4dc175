package io.secretsd.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a command writes its result: stdout, or a file that appears only once complete (written to a
 * temporary sibling created 0600, then renamed), so a failed decryption never leaves partial plaintext.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private boolean committed;

    private OutputFile(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    static OutputFile open(Path target) throws IOException {
        if (target == null || target.toString().equals("-")) {
            // stdout stays open after the command: other output may follow and the JVM closes it at exit.
            return new OutputFile(null, null, new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // A device or pipe (/dev/null, a FIFO) is written in place: there is nothing to replace atomically.
            return new OutputFile(null, null, Files.newOutputStream(target));
        }
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new OutputFile(target, temp, Files.newOutputStream(temp));
    }

    OutputStream stream() {
        return stream;
    }

    /** Closes the stream and moves the file into place. */
    void commit() throws IOException {
        stream.close();
        if (temp != null) Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            stream.close();
        } finally {
            if (temp != null) Files.deleteIfExists(temp);
        }
    }
}
