package io.secretsd.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An age header: the recipient stanzas and the 32-byte MAC. {@link #encodeWithoutMac()} is the exact
 * byte string the MAC covers; parsing is strict, so for a parsed header it equals the bytes read.
 */
public record Header(List<Stanza> stanzas, byte[] mac) {
    static final String VERSION_LINE = "age-encryption.org/v1";
    static final int MAC_SIZE = 32;
    /** Body lines hold 48 bytes, 64 base64 columns. */
    static final int BYTES_PER_LINE = 48;

    public Header {
        stanzas = List.copyOf(stanzas);
        if (mac.length != MAC_SIZE) throw new IllegalArgumentException("header MAC must be 32 bytes");
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The header from the version line up to and including {@code ---}, as the MAC covers it. */
    public static byte[] encodeWithoutMac(List<Stanza> stanzas) {
        var out = new ByteArrayOutputStream(256);
        ascii(out, VERSION_LINE + "\n");
        for (Stanza s : stanzas) encodeStanza(out, s);
        ascii(out, "---");
        return out.toByteArray();
    }

    public byte[] encodeWithoutMac() {
        return encodeWithoutMac(stanzas);
    }

    public byte[] encode() {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(encodeWithoutMac());
        ascii(out, " " + Base64Raw.encode(mac) + "\n");
        return out.toByteArray();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(encode());
    }

    static void encodeStanza(ByteArrayOutputStream out, Stanza s) {
        StringBuilder line = new StringBuilder("->");
        checkArgument(s.type());
        line.append(' ').append(s.type());
        for (String a : s.args()) {
            checkArgument(a);
            line.append(' ').append(a);
        }
        ascii(out, line.append('\n').toString());
        String body = Base64Raw.encode(s.body());
        // Full 64-column lines, then a final short line, which is empty when the body fills its lines.
        int i = 0;
        for (; i + 64 <= body.length(); i += 64) ascii(out, body.substring(i, i + 64) + "\n");
        ascii(out, body.substring(i) + "\n");
    }

    private static void checkArgument(String a) {
        if (!HeaderParser.isArgument(a.getBytes(StandardCharsets.ISO_8859_1), 0, a.length()) || a.chars().anyMatch(c -> c > 0x7e)) {
            throw new IllegalArgumentException("stanza argument is empty or not printable ASCII: \"" + a + "\"");
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Header[" + stanzas + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && java.util.Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }
}
