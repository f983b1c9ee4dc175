package io.secretsd.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire encoding of public key blobs (RFC 4253 §6.6). */
final class SshWireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshWireWriter uint32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    SshWireWriter string(byte[] b) {
        uint32(b.length);
        out.writeBytes(b);
        return this;
    }

    SshWireWriter string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4251 mpint: minimal two's complement, so a positive value with its top bit set gets a 0x00 prefix. */
    SshWireWriter mpint(BigInteger v) {
        return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
