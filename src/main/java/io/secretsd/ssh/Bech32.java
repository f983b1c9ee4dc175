package io.secretsd.ssh;

/**
 * TEMPORARY: BIP-173 Bech32 encoding only, until io.secretsd.age.Bech32 lands on main; then this file
 * goes and SshToAge uses the age package's. Like age: no length limit, checksum over the lowercase HRP.
 */
final class Bech32 {
    private Bech32() {}

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** Lowercase Bech32 of {@code data} (8-bit bytes regrouped to 5 bits, zero-padded). */
    static String encode(String hrp, byte[] data) {
        String lowerHrp = hrp.toLowerCase(java.util.Locale.ROOT);
        int[] values = toFiveBits(data);
        int[] checksum = checksum(lowerHrp, values);
        StringBuilder b = new StringBuilder(lowerHrp).append('1');
        for (int v : values) b.append(CHARSET.charAt(v));
        for (int v : checksum) b.append(CHARSET.charAt(v));
        return b.toString();
    }

    private static int[] toFiveBits(byte[] data) {
        int[] out = new int[(data.length * 8 + 4) / 5];
        int acc = 0, bits = 0, n = 0;
        for (byte d : data) {
            acc = (acc << 8) | (d & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = (acc >>> bits) & 31;
            }
        }
        if (bits > 0) out[n++] = (acc << (5 - bits)) & 31;
        return out;
    }

    private static int polymod(int[] values) {
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) if (((top >>> i) & 1) != 0) chk ^= GENERATOR[i];
        }
        return chk;
    }

    private static int[] checksum(String hrp, int[] data) {
        int h = hrp.length();
        int[] values = new int[2 * h + 1 + data.length + 6];
        for (int i = 0; i < h; i++) {
            values[i] = hrp.charAt(i) >>> 5;
            values[h + 1 + i] = hrp.charAt(i) & 31;
        }
        System.arraycopy(data, 0, values, 2 * h + 1, data.length);
        int mod = polymod(values) ^ 1;
        int[] out = new int[6];
        for (int i = 0; i < 6; i++) out[i] = (mod >>> (5 * (5 - i))) & 31;
        return out;
    }
}
