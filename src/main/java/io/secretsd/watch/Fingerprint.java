package io.secretsd.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a watched path looks like now, compared to decide whether it changed. Small files are compared
 * by content, so a touch, a rename-over with the same bytes or a change and change back give equal
 * fingerprints; the resolved path is part of it, so a retargeted symlink is a change.
 */
sealed interface Fingerprint {

    /** Nothing at the path (or a dangling link). */
    record Missing() implements Fingerprint {}

    /** A regular file small enough to hash; {@code sha256} is hex. */
    record Content(Path realPath, String sha256) implements Fingerprint {
        // A digest of a short password can be brute-forced: keep it out of logs.
        @Override
        public String toString() {
            return "Content[realPath=" + realPath + "]";
        }
    }

    /** A large, unreadable or non-regular file: compared by metadata. */
    record Metadata(Path realPath, long size, long mtimeNanos, Object fileKey, boolean regular)
            implements Fingerprint {}

    Missing MISSING = new Missing();

    static Fingerprint of(Path path, long hashLimit) {
        Path real;
        BasicFileAttributes attrs;
        try {
            real = path.toRealPath();
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return MISSING;
        }
        Metadata metadata = new Metadata(real, attrs.size(),
                attrs.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                        + attrs.lastModifiedTime().toInstant().getNano(),
                attrs.fileKey(), attrs.isRegularFile());
        if (!attrs.isRegularFile() || attrs.size() > hashLimit) {
            return metadata;
        }
        try {
            return new Content(real, sha256(real, hashLimit));
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            return metadata;
        }
    }

    private static String sha256(Path file, long hashLimit) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        // The files may hold keys and secrets: keep them in this buffer only, and wipe it.
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                total += n;
                if (total > hashLimit) {
                    throw new IOException(file + " grew beyond the hash limit while read");
                }
            }
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
