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
        this.values = values;
        this.unavailable = unavailable;
    }

    byte[] render(byte[] text) throws MissingValue {
        byte[] out = new byte[text.length + 64];
        int n = 0;
        int i = 0;
        outer:
        while (i < text.length) {
            for (int p = 0; p < placeholders.size(); p++) {
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
