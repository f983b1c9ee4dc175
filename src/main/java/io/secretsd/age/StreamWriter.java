package io.secretsd.age;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts an age STREAM payload: 64 KiB chunks, the last flagged; a chunk is sealed only once more data
 * (or close) shows whether it is the last, so the final chunk is never empty unless the payload is.
 */
final class StreamWriter extends OutputStream {
    private final OutputStream dst;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] plain = new byte[StreamReader.CHUNK];
    private final byte[] enc = new byte[StreamReader.ENC_CHUNK];
    private final byte[] nonce = new byte[12];
    private long counter;
    private int buffered;
    private boolean closed;

    StreamWriter(byte[] payloadKey, OutputStream dst) {
        this.dst = dst;
        this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("age payload stream is closed");
        while (len > 0) {
            if (buffered == plain.length) seal(plain, 0, false);
            // A whole chunk with more data after it in the caller's array is sealed from there, uncopied.
            if (buffered == 0 && len > plain.length) {
                seal(b, off, false);
                off += plain.length;
                len -= plain.length;
                continue;
            }
            int n = Math.min(len, plain.length - buffered);
            System.arraycopy(b, off, plain, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /** Seals a chunk of src: the buffered bytes when src is the buffer, else a full chunk at off. */
    private void seal(byte[] src, int off, boolean last) throws IOException {
        int len = src == plain ? buffered : plain.length;
        nonce[3] = (byte) (counter >>> 56);
        nonce[4] = (byte) (counter >>> 48);
        nonce[5] = (byte) (counter >>> 40);
        nonce[6] = (byte) (counter >>> 32);
        nonce[7] = (byte) (counter >>> 24);
        nonce[8] = (byte) (counter >>> 16);
        nonce[9] = (byte) (counter >>> 8);
        nonce[10] = (byte) counter;
        nonce[11] = (byte) (last ? 1 : 0);
        int n;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            n = cipher.doFinal(src, off, len, enc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
        dst.write(enc, 0, n);
        counter++;
        if (src == plain) buffered = 0;
    }

    @Override
    public void flush() throws IOException {
        dst.flush();
    }

    /** Seals the final chunk and closes the destination. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            seal(plain, 0, true);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
            dst.close();
        }
    }
}
