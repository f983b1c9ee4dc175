package io.secretsd.age;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Bytes read ahead, then the rest of a stream: what follows a header is the payload. */
final class PrefixedInputStream extends InputStream {
    private final byte[] prefix;
    private int pos;
    private final InputStream rest;

    PrefixedInputStream(byte[] buf, int off, int len, InputStream rest) {
        this.prefix = Arrays.copyOfRange(buf, off, off + len);
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        if (pos < prefix.length) return prefix[pos++] & 0xff;
        return rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos < prefix.length) {
            int n = Math.min(len, prefix.length - pos);
            System.arraycopy(prefix, pos, b, off, n);
            pos += n;
            return n;
        }
        return rest.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return prefix.length - pos + rest.available();
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
