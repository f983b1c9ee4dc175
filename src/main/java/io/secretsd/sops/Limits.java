package io.secretsd.sops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The documented size limits of a sops file and of one value in it, far above any real secret, checked before
 * any parsing or decryption: a file is refused by its size before it is read, a value by the length of its
 * ciphertext before it is decoded.
 */
public final class Limits {
    /** A sops file, any format. */
    public static final int MAX_FILE_BYTES = 16 << 20;
    /** One decrypted value (for binary, dotenv and INI files, the whole plaintext). */
    public static final int MAX_VALUE_BYTES = 8 << 20;

    private Limits() {
    }

    /** Reads a sops file, refusing one larger than {@link #MAX_FILE_BYTES} (by its size, then while reading). */
    public static byte[] readFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            checkFile(file.toString(), Files.size(file));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new SopsFormatException(file + ": the file is larger than the " + mib(MAX_FILE_BYTES)
                        + " a sops file may have");
            }
            return b;
        }
    }

    static void checkFile(String name, long size) throws SopsFormatException {
        if (size > MAX_FILE_BYTES) {
            throw new SopsFormatException(name + ": the file is " + size + " bytes, more than the "
                    + mib(MAX_FILE_BYTES) + " a sops file may have");
        }
    }

    /** {@code ENC[AES256_GCM,data:<base64>,...]}: refused when the base64 data decodes to more than the limit. */
    static void checkValue(String encrypted, String where) throws SopsFormatException {
        int start = encrypted.indexOf("data:");
        int end = start < 0 ? -1 : encrypted.indexOf(',', start);
        long base64 = start < 0 ? encrypted.length() : (end < 0 ? encrypted.length() : end) - start - 5;
        if (base64 / 4 * 3 > MAX_VALUE_BYTES + 2) {
            throw new SopsFormatException(where + ": the value is about " + base64 / 4 * 3 + " bytes, more than the "
                    + mib(MAX_VALUE_BYTES) + " a value may have");
        }
    }

    private static String mib(int bytes) {
        return (bytes >> 20) + " MiB";
    }
}
