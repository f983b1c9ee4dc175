package io.secretsd.age;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts an age STREAM payload (after its 16-byte nonce), as {@code stream.Reader} of the reference:
 * each chunk is released once it authenticates, so a later failure leaves the earlier chunks delivered.
 * A chunk that fails is never released: plaintext is written only after its tag checks.
 */
final class StreamReader extends InputStream {
    static final int CHUNK = 64 * 1024;
    static final int TAG = 16;
    static final int ENC_CHUNK = CHUNK + TAG;

    private final InputStream src;
    private final SecretKeySpec key;
    private final Cipher cipher;
    /**
     * SunJCE's ChaCha20-Poly1305 checks the tag before it decrypts anything (EngineAEADDec.doFinal), so
     * it may write into the caller's array; another provider gets the scratch buffer.
     */
    private final boolean direct;
    private final byte[] enc = new byte[ENC_CHUNK];
    private final byte[] plain = new byte[ENC_CHUNK];
    private final byte[] nonce = new byte[12];
    private long counter;
    private int plainPos;
    private int plainLen;
    private boolean eof;
    private IOException error;

    StreamReader(byte[] payloadKey, InputStream src) {
        this.src = src;
        this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
        this.direct = cipher.getProvider().getName().equals("SunJCE");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int total = 0;
        while (len > 0) {
            if (plainPos == plainLen) {
                if (total > 0 && (error != null || eof)) break;
                if (error != null) throw error;
                if (eof) return -1;
                // With room for a whole chunk, decrypt straight into the caller's array.
                boolean intoCaller = direct && len >= CHUNK;
                int n;
                try {
                    n = readChunk(intoCaller ? b : plain, intoCaller ? off : 0);
                } catch (IOException e) {
                    error = e;
                    if (total > 0) break;
                    throw e;
                }
                if (intoCaller) {
                    off += n;
                    len -= n;
                    total += n;
                } else {
                    plainPos = 0;
                    plainLen = n;
                }
                continue;
            }
            int n = Math.min(len, plainLen - plainPos);
            System.arraycopy(plain, plainPos, b, off, n);
            plainPos += n;
            off += n;
            len -= n;
            total += n;
        }
        return total;
    }

    /** Writes every authenticated chunk to {@code out} as it is decrypted, without copying it. */
    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
        long total = 0;
        if (plainPos < plainLen) {
            out.write(plain, plainPos, plainLen - plainPos);
            total += plainLen - plainPos;
            plainPos = plainLen;
        }
        while (true) {
            if (error != null) throw error;
            if (eof) return total;
            int n;
            try {
                n = readChunk(plain, 0);
            } catch (IOException e) {
                error = e;
                throw e;
            }
            out.write(plain, 0, n);
            total += n;
        }
    }

    @Override
    public int available() {
        return plainLen - plainPos;
    }

    /** Reads, authenticates and decrypts the next chunk into out[off..]; returns its length. */
    private int readChunk(byte[] out, int off) throws IOException {
        int n = src.readNBytes(enc, 0, ENC_CHUNK);
        if (n == 0) throw new PayloadException("payload is truncated: no final chunk (after " + counter + " chunks)");
        boolean last = n < ENC_CHUNK;
        if (last && counter != 0 && n == TAG) {
            throw new PayloadException("last payload chunk is empty (chunk " + counter + ")");
        }
        int len = open(n, last, out, off);
        if (len < 0 && !last) {
            // A full-length chunk may still be the final one.
            last = true;
            len = open(n, true, out, off);
        }
        if (len < 0) {
            throw new PayloadException("failed to decrypt and authenticate payload chunk " + counter);
        }
        counter++;
        if (last) {
            int more = src.read();
            if (more >= 0) error = new PayloadException("trailing data after the final payload chunk");
            else eof = true;
        }
        return len;
    }

    /** Opens enc[0..n) with the current counter into out[off..]; returns the plaintext length or -1. */
    private int open(int n, boolean last, byte[] out, int off) {
        nonce[3] = (byte) (counter >>> 56);
        nonce[4] = (byte) (counter >>> 48);
        nonce[5] = (byte) (counter >>> 40);
        nonce[6] = (byte) (counter >>> 32);
        nonce[7] = (byte) (counter >>> 24);
        nonce[8] = (byte) (counter >>> 16);
        nonce[9] = (byte) (counter >>> 8);
        nonce[10] = (byte) counter;
        nonce[11] = (byte) (last ? 1 : 0);
        if (n < TAG) return -1;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            return cipher.doFinal(enc, 0, n, out, off);
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        java.util.Arrays.fill(plain, (byte) 0);
        plainPos = plainLen = 0;
        src.close();
    }
}
