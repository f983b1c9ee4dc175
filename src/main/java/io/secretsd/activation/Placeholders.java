package io.secretsd.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The sops-nix placeholder of a secret: {@code <SOPS:sha256(attribute name):PLACEHOLDER>}. */
public final class Placeholders {
    private static final String START = "<SOPS:";

    private Placeholders() {
    }

    public static String of(String attributeName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(attributeName.getBytes(StandardCharsets.UTF_8));
            return START + HexFormat.of().formatHex(h) + ":PLACEHOLDER>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * The attribute names whose placeholder occurs in {@code text} (template text, never a secret value): what
     * a template depends on. One pass over the text for sops-nix's placeholders, a search for any other.
     */
    public static Set<String> used(byte[] text, Map<String, String> placeholderByAttribute) {
        return used(text, Index.of(placeholderByAttribute));
    }

    /** As {@link #used(byte[], Map)}, with the manifest's placeholders indexed once for all its templates. */
    public static Set<String> used(byte[] text, Index index) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        Set<String> used = new LinkedHashSet<>();
        index.others().forEach((attr, ph) -> {
            if (s.contains(ph)) {
                used.add(attr);
            }
        });
        for (int i = s.indexOf(START); i >= 0; i = s.indexOf(START, i + 1)) {
            int end = s.indexOf('>', i);
            if (end < 0) break;
            String attr = index.attributeByPlaceholder().get(s.substring(i, end + 1));
            if (attr != null) used.add(attr);
        }
        return used;
    }

    /**
     * A manifest's placeholders: sops-nix's own form by placeholder, any other (as ISO-8859-1 text of its UTF-8
     * bytes) by attribute name, in the manifest's order.
     */
    public record Index(Map<String, String> attributeByPlaceholder, Map<String, String> others) {
        public static Index of(Map<String, String> placeholderByAttribute) {
            Map<String, String> byPlaceholder = new HashMap<>();
            Map<String, String> others = new LinkedHashMap<>();
            placeholderByAttribute.forEach((attr, ph) -> {
                if (ph.startsWith(START) && ph.endsWith(">") && ph.indexOf('>') == ph.length() - 1) {
                    byPlaceholder.put(ph, attr);
                } else if (!ph.isEmpty()) {
                    others.put(attr, new String(ph.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                }
            });
            return new Index(byPlaceholder, others);
        }
    }
}
