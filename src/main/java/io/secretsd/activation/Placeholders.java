package io.secretsd.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
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
        String s = new String(text, StandardCharsets.ISO_8859_1);
        Map<String, String> attributeByPlaceholder = new HashMap<>();
        Set<String> used = new LinkedHashSet<>();
        placeholderByAttribute.forEach((attr, ph) -> {
            if (ph.startsWith(START) && ph.endsWith(">") && ph.indexOf('>') == ph.length() - 1) {
                attributeByPlaceholder.put(ph, attr);
            } else if (!ph.isEmpty() && s.contains(new String(ph.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                used.add(attr);
            }
        });
        for (int i = s.indexOf(START); i >= 0; i = s.indexOf(START, i + 1)) {
            int end = s.indexOf('>', i);
            if (end < 0) break;
            String attr = attributeByPlaceholder.get(s.substring(i, end + 1));
            if (attr != null) used.add(attr);
        }
        return used;
    }
}
