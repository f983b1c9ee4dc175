package io.secretsd.activation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replaces placeholders in template text with raw secret bytes, in one left-to-right pass, so that a secret
 * value that happens to contain a placeholder is not expanded again (sops-install-secrets' map-ordered
 * {@code ReplaceAll} makes that depend on hash order).
 */
final class TemplateRenderer {
    /** A placeholder whose secret has no value. */
    static final class MissingValue extends Exception {
        MissingValue(String message) {
            super(message);
        }
    }

    private final List<byte[]> placeholders = new ArrayList<>();
    private final List<String> attributeNames = new ArrayList<>();
    /**
     * The placeholders by their first byte, in manifest order: at each byte of the text only those that can
     * match are tried, not all of them (a host's 1,000 placeholders all begin with {@code <}, and text mostly
     * does not).
     */
    private final int[][] byFirstByte = new int[256][];
    private final Map<String, byte[]> values;
    private final Map<String, String> unavailable;

    /**
     * @param placeholderByAttribute the manifest's {@code placeholderBySecretName}
     * @param values                 attribute name → value, for the secrets that have one
     * @param unavailable            attribute name → why it has none (failed, or not in this manifest)
     */
    TemplateRenderer(Map<String, String> placeholderByAttribute, Map<String, byte[]> values,
                     Map<String, String> unavailable) {
        placeholderByAttribute.forEach((attr, ph) -> {
            placeholders.add(ph.getBytes(StandardCharsets.UTF_8));
            attributeNames.add(attr);
        });
        int[] count = new int[256];
        for (byte[] ph : placeholders) {
            if (ph.length > 0) {
                count[ph[0] & 0xff]++;
            }
        }
        for (int p = 0; p < placeholders.size(); p++) {
            byte[] ph = placeholders.get(p);
            if (ph.length == 0) {
                continue;
            }
            int b = ph[0] & 0xff;
            if (byFirstByte[b] == null) {
                byFirstByte[b] = new int[count[b]];
                count[b] = 0;
            }
            byFirstByte[b][count[b]++] = p;
        }
        this.values = values;
        this.unavailable = unavailable;
    }

    byte[] render(byte[] text) throws MissingValue {
        byte[] out = new byte[text.length + 64];
        int n = 0;
        int i = 0;
        outer:
        while (i < text.length) {
            int[] candidates = byFirstByte[text[i] & 0xff];
            for (int c = 0; candidates != null && c < candidates.length; c++) {
                int p = candidates[c];
                byte[] ph = placeholders.get(p);
                if (startsWith(text, i, ph)) {
                    String attr = attributeNames.get(p);
                    byte[] v = values.get(attr);
                    if (v == null) {
                        Arrays.fill(out, (byte) 0);
                        throw new MissingValue("uses the placeholder of secret " + attr + ", "
                                + unavailable.getOrDefault(attr, "which is not in this manifest"));
                    }
                    out = ensure(out, n + v.length);
                    System.arraycopy(v, 0, out, n, v.length);
                    n += v.length;
                    i += ph.length;
                    continue outer;
                }
            }
            out = ensure(out, n + 1);
            out[n++] = text[i++];
        }
        byte[] result = Arrays.copyOf(out, n);
        Arrays.fill(out, (byte) 0);
        return result;
    }

    /** Grows by copying, wiping the old array, so no stray copy of a secret is left for the GC. */
    private static byte[] ensure(byte[] buf, int need) {
        if (need <= buf.length) {
            return buf;
        }
        byte[] bigger = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        Arrays.fill(buf, (byte) 0);
        return bigger;
    }

    private static boolean startsWith(byte[] text, int at, byte[] prefix) {
        if (prefix.length == 0 || text.length - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (text[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

}
