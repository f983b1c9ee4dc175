package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Placeholders are replaced in one left-to-right pass; at a position, the first placeholder in manifest order wins. */
class TemplateRendererTest {
    /** sops-nix's form, two others with other first bytes, and one that begins another (manifest order decides). */
    static Map<String, String> placeholders() {
        Map<String, String> ph = new LinkedHashMap<>();
        ph.put("a", Placeholders.of("a"));
        ph.put("b", Placeholders.of("b"));
        ph.put("short", "@x");
        ph.put("long", "@xy");
        ph.put("hash", "#");
        return ph;
    }

    static Map<String, byte[]> values() {
        Map<String, byte[]> v = new HashMap<>();
        v.put("a", "A".getBytes(StandardCharsets.UTF_8));
        v.put("b", Placeholders.of("a").getBytes(StandardCharsets.UTF_8)); // a value that looks like a placeholder
        v.put("short", "S".getBytes(StandardCharsets.UTF_8));
        v.put("long", "L".getBytes(StandardCharsets.UTF_8));
        v.put("hash", "H".getBytes(StandardCharsets.UTF_8));
        return v;
    }

    static byte[] render(String text) throws TemplateRenderer.MissingValue {
        return new TemplateRenderer(placeholders(), values(), Map.of()).render(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replacesEachPlaceholderOnceFromTheLeft() throws Exception {
        String a = Placeholders.of("a");
        String b = Placeholders.of("b");
        assertEquals("x=A y=" + a + " @SSy H<SOPS:", new String(render("x=" + a + " y=" + b + " @@x@xy #<SOPS:"),
                StandardCharsets.UTF_8));
    }

    @Test
    void aPlaceholderWithoutAValueFailsTheTemplate() {
        Map<String, String> ph = Map.of("gone", Placeholders.of("gone"));
        var e = assertThrows(TemplateRenderer.MissingValue.class, () -> new TemplateRenderer(ph, Map.of(),
                Map.of("gone", "which could not be installed")).render(("v=" + ph.get("gone")).getBytes(StandardCharsets.UTF_8)));
        assertEquals("uses the placeholder of secret gone, which could not be installed", e.getMessage());
    }

    /** The same result as trying every placeholder at every byte, in manifest order (the plain definition). */
    @Property(tries = 300)
    void rendersAsTryingEveryPlaceholderAtEveryByte(@ForAll @StringLength(max = 60) @CharRange(from = '!', to = '@') String noise,
                                                     @ForAll @StringLength(max = 8) @CharRange(from = '0', to = '4') String picks)
            throws Exception {
        List<String> phs = new ArrayList<>(placeholders().values());
        StringBuilder text = new StringBuilder(noise);
        for (int i = 0; i < picks.length(); i++) {
            int at = noise.isEmpty() ? 0 : (i * 7) % (text.length() + 1);
            text.insert(at, phs.get(picks.charAt(i) - '0'));
        }
        assertArrayEquals(plainly(text.toString()), render(text.toString()), text.toString());
    }

    private static byte[] plainly(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> phs = new ArrayList<>(placeholders().entrySet());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        outer:
        while (i < t.length) {
            for (Map.Entry<String, String> e : phs) {
                byte[] ph = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (i + ph.length <= t.length && java.util.Arrays.equals(t, i, i + ph.length, ph, 0, ph.length)) {
                    out.writeBytes(values().get(e.getKey()));
                    i += ph.length;
                    continue outer;
                }
            }
            out.write(t[i++]);
        }
        return out.toByteArray();
    }
}
