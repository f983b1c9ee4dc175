package io.secretsd.sops;

import java.util.Base64;

/** A stand-in for age in property tests: "encrypts" a key part by XOR with a pad derived from the recipient. */
final class FakeKeys {
    private FakeKeys() {}

    private static byte[] pad(String recipient, int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) p[i] = (byte) (recipient.hashCode() * 31 + i * 17);
        return p;
    }

    static DataKeys.KeyWrapper wrapper(String recipient) {
        return part -> {
            byte[] pad = pad(recipient, part.length);
            byte[] out = new byte[part.length];
            for (int i = 0; i < out.length; i++) out[i] = (byte) (part[i] ^ pad[i]);
            return new MasterKey.AgeKey(recipient, "-----FAKE-----\n" + Base64.getEncoder().encodeToString(out) + "\n");
        };
    }

    static DataKeySource source(java.util.Set<String> openable) {
        return new KeySources(key -> {
            MasterKey.AgeKey a = (MasterKey.AgeKey) key;
            if (!openable.contains(a.recipient())) throw new KeyUnwrapException("no identity matches");
            String b64 = a.enc().replace("-----FAKE-----", "").strip();
            byte[] in;
            try {
                in = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new KeyUnwrapException("malformed fake enc");
            }
            byte[] pad = pad(a.recipient(), in.length);
            for (int i = 0; i < in.length; i++) in[i] ^= pad[i];
            return in;
        }, null);
    }
}
