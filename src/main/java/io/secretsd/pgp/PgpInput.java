package io.secretsd.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;

/**
 * Armored or binary OpenPGP input, turned into binary packet streams. BouncyCastle's parsers throw
 * unchecked exceptions on some malformed input; {@link #guard} turns every failure of a parsing step
 * into a {@link MalformedPgpException} naming what was being read.
 */
final class PgpInput {
    /** sops data keys are 32 bytes; their messages about a kilobyte. Anything this big is not one. */
    static final int MAX_INPUT = 1 << 20;

    private static final byte[] BEGIN = "-----BEGIN PGP ".getBytes(StandardCharsets.US_ASCII);

    private PgpInput() {
    }

    /**
     * The binary packets of {@code data}: the input itself when it is binary, or the contents of each
     * armor block (checksums checked) when it is armored. Several concatenated blocks are allowed.
     */
    static List<byte[]> dearmor(byte[] data, String what) throws PgpException {
        if (data == null || data.length == 0) throw new MalformedPgpException(what + ": empty input");
        if (data.length > MAX_INPUT) {
            throw new MalformedPgpException(what + ": " + data.length + " bytes, more than the " + MAX_INPUT
                    + " an OpenPGP key file or data key message may have");
        }
        int first = indexOf(data, BEGIN, 0);
        if (first < 0) {
            if ((data[0] & 0x80) == 0) {
                throw new MalformedPgpException(what + ": neither armored (no \"-----BEGIN PGP\" line) "
                        + "nor binary OpenPGP (first byte is not a packet tag)");
            }
            return List.of(data);
        }
        List<byte[]> blocks = new ArrayList<>();
        for (int start = first; start >= 0; ) {
            int next = indexOf(data, BEGIN, start + BEGIN.length);
            int end = next < 0 ? data.length : next;
            int number = blocks.size() + 1, from = start;
            blocks.add(guard(what + ": armor block " + number, () -> readArmor(data, from, end)));
            start = next;
        }
        return blocks;
    }

    private static byte[] readArmor(byte[] data, int start, int end) throws IOException {
        try (InputStream in = ArmoredInputStream.builder().setDetectMissingCRC(false)
                .build(new ByteArrayInputStream(data, start, end - start))) {
            byte[] body = in.readAllBytes();
            if (body.length == 0) throw new IOException("armor block holds no data");
            return body;
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    interface Step<T> {
        T run() throws IOException, PGPException;
    }

    /** Runs one BouncyCastle step; any failure becomes a MalformedPgpException about {@code what}. */
    static <T> T guard(String what, Step<T> step) throws PgpException {
        try {
            return step.run();
        } catch (PgpException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new MalformedPgpException(what + ": " + describe(e), e);
        }
    }

    /** A one-line description of a BouncyCastle failure (their messages hold no key material). */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof PGPException p && p.getUnderlyingException() != null
                && p.getUnderlyingException().getMessage() != null) {
            m = m + ": " + p.getUnderlyingException().getMessage();
        }
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return e instanceof RuntimeException ? e.getClass().getSimpleName() + ": " + m : m;
    }
}
