package io.secretsd.age;

/**
 * Bech32 (BIP-173, checksum constant 1, not Bech32m) as age uses it: no 90-character limit (post-quantum
 * keys are long), all-lowercase or all-uppercase, checksum over the lowercased HRP, zero padding only.
 * Decoding takes a {@link CharSequence} so secret keys need not become Strings.
 */
public final class Bech32 {
    private Bech32() {}

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** A decoded string: the HRP exactly as written (uppercase stays uppercase) and the data bytes. */
    public record Decoded(String hrp, byte[] data) {
        @Override
        public String toString() {
            return "Bech32.Decoded[" + hrp + ", " + data.length + " bytes]";
        }
    }

    private static int polymod(int chk, int v) {
        int top = chk >>> 25;
        chk = (chk & 0x1ffffff) << 5 ^ v;
        for (int i = 0; i < 5; i++) if ((top >>> i & 1) == 1) chk ^= GENERATOR[i];
        return chk;
    }

    private static int hrpChecksumState(CharSequence hrp) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) chk = polymod(chk, Character.toLowerCase(hrp.charAt(i)) >> 5);
        chk = polymod(chk, 0);
        for (int i = 0; i < hrp.length(); i++) chk = polymod(chk, Character.toLowerCase(hrp.charAt(i)) & 31);
        return chk;
    }

    /** Encodes; an uppercase HRP gives an uppercase string. */
    public static String encode(String hrp, byte[] data) {
        byte[] ascii = encodeAscii(hrp, data);
        String s = new String(ascii, java.nio.charset.StandardCharsets.US_ASCII);
        java.util.Arrays.fill(ascii, (byte) 0);
        return s;
    }

    /** Encodes to ASCII bytes, for secrets that must not become Strings (the caller wipes them). */
    public static byte[] encodeAscii(String hrp, byte[] data) {
        if (hrp.isEmpty()) throw new IllegalArgumentException("empty Bech32 HRP");
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) throw new IllegalArgumentException("invalid Bech32 HRP character");
        }
        boolean upper = !hrp.equals(hrp.toLowerCase(java.util.Locale.ROOT));
        if (upper && !hrp.equals(hrp.toUpperCase(java.util.Locale.ROOT))) throw new IllegalArgumentException("mixed-case Bech32 HRP");
        byte[] values = convertBits(data, 8, 5, true);
        int chk = hrpChecksumState(hrp);
        for (byte v : values) chk = polymod(chk, v);
        for (int i = 0; i < 6; i++) chk = polymod(chk, 0);
        chk ^= 1;
        byte[] out = new byte[hrp.length() + 1 + values.length + 6];
        int o = 0;
        for (int i = 0; i < hrp.length(); i++) out[o++] = (byte) Character.toLowerCase(hrp.charAt(i));
        out[o++] = '1';
        for (byte v : values) out[o++] = (byte) CHARSET.charAt(v);
        for (int p = 0; p < 6; p++) out[o++] = (byte) CHARSET.charAt(chk >>> 5 * (5 - p) & 31);
        java.util.Arrays.fill(values, (byte) 0);
        if (upper) for (int i = 0; i < out.length; i++) out[i] = (byte) Character.toUpperCase((char) out[i]);
        return out;
    }

    /** Decodes, or throws {@link KeyParseException} saying what is wrong (never echoing the input). */
    public static Decoded decode(CharSequence s) throws KeyParseException {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') lower = true;
            if (c >= 'A' && c <= 'Z') upper = true;
        }
        if (lower && upper) throw new KeyParseException("invalid Bech32: mixed case");
        int sep = -1;
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == '1') {
                sep = i;
                break;
            }
        }
        if (sep < 1 || sep + 7 > s.length()) throw new KeyParseException("invalid Bech32: separator '1' at invalid position");
        for (int i = 0; i < sep; i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) throw new KeyParseException("invalid Bech32: invalid character in human-readable part");
        }
        CharSequence hrp = s.subSequence(0, sep);
        byte[] values = new byte[s.length() - sep - 1];
        for (int i = sep + 1; i < s.length(); i++) {
            int d = CHARSET.indexOf(Character.toLowerCase(s.charAt(i)));
            if (d < 0) throw new KeyParseException("invalid Bech32: invalid character in data part");
            values[i - sep - 1] = (byte) d;
        }
        int chk = hrpChecksumState(hrp);
        for (byte v : values) chk = polymod(chk, v);
        if (chk != 1) throw new KeyParseException("invalid Bech32: bad checksum");
        byte[] data = convertBits(java.util.Arrays.copyOf(values, values.length - 6), 5, 8, false);
        java.util.Arrays.fill(values, (byte) 0);
        if (data == null) throw new KeyParseException("invalid Bech32: invalid padding");
        return new Decoded(hrp.toString(), data);
    }

    /** Regroups bits; returns null for bad padding when not padding. */
    private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
        int outLen = pad ? (data.length * from + to - 1) / to : data.length * from / to;
        byte[] out = new byte[outLen];
        int o = 0;
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        for (byte b : data) {
            acc = (acc << from | (b & 0xff)) & 0xffff;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out[o++] = (byte) (acc >>> bits & maxv);
            }
        }
        if (pad) {
            if (bits > 0) out[o++] = (byte) (acc << (to - bits) & maxv);
        } else if (bits >= from || (acc << (to - bits) & maxv) != 0) {
            java.util.Arrays.fill(out, (byte) 0);
            return null;
        }
        return out;
    }
}
