package io.secretsd.age;

import java.util.Base64;

/**
 * The base64 of age headers: standard alphabet, no padding, canonical. {@link Base64#getDecoder()} accepts
 * padding and non-zero trailing bits, so input is checked character by character and re-encoded.
 */
public final class Base64Raw {
    private Base64Raw() {}

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /** Returns the decoded bytes, or null when {@code s} is not canonical unpadded standard base64. */
    public static byte[] decode(CharSequence s) {
        int n = s.length();
        if (n % 4 == 1) return null;
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isAlphabet(c)) return null;
            ascii[i] = (byte) c;
        }
        byte[] out = Base64.getDecoder().decode(ascii);
        // Unused low bits of the last character must be zero: re-encoding must give the input back.
        if (n % 4 != 0) {
            int last = value((char) ascii[n - 1]);
            int unused = n % 4 == 2 ? 0x0f : 0x03;
            if ((last & unused) != 0) return null;
        }
        return out;
    }

    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    static int value(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        return c == '+' ? 62 : 63;
    }
}
