package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A flipped bit in any value, in the MAC or in lastmodified of a real sops file is detected. */
class TamperTest {
    private static final String FILE = "secrets.yaml";

    private static void assertRejected(String text, String what) {
        DataKeySource keys = AgeCli.source(Vectors.sopsNix("age-keys.txt"));
        SopsException e = assertThrows(SopsException.class,
                () -> Sops.decrypt(FILE, text.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, false), what);
        assertTrue(e instanceof ValueCryptoException || e instanceof MacMismatchException, what + ": " + e);
        assertTrue(e.getMessage().contains(FILE), e.getMessage());
    }

    /** Changes one base64 character, which flips at least one bit of the decoded bytes. */
    private static String flip(String text, int index) {
        char c = text.charAt(index);
        char r = c == 'A' ? 'B' : 'A';
        return text.substring(0, index) + r + text.substring(index + 1);
    }

    @Test
    void everyValueDataIvAndTagIsAuthenticated() {
        String text = new String(Vectors.read(FILE), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(data|iv|tag):([A-Za-z0-9+/=]+)").matcher(text);
        int n = 0;
        while (m.find()) {
            assertRejected(flip(text, m.start(2)), "flipped " + m.group(1) + " at " + m.start(2));
            n++;
        }
        assertTrue(n >= 15, "found only " + n + " fields"); // 4 values + the MAC, 3 fields each
    }

    @Test
    void lastModifiedIsBoundToTheMac() {
        String text = new String(Vectors.read(FILE), StandardCharsets.UTF_8);
        assertRejected(text.replace("2021-09-30T19:49:41Z", "2021-09-30T19:49:42Z"), "lastmodified");
    }

    @Test
    void ignoreMacStillDecryptsWhenOnlyTheMacIsBroken() throws Exception {
        String text = new String(Vectors.read(FILE), StandardCharsets.UTF_8);
        String broken = text.replaceFirst("mac: ENC\\[[^\\]]*\\]", "mac: \"\"");
        DataKeySource keys = AgeCli.source(Vectors.sopsNix("age-keys.txt"));
        MacMismatchException e = assertThrows(MacMismatchException.class,
                () -> Sops.decrypt(FILE, broken.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, false));
        assertTrue(e.getMessage().contains("ignore-mac"), e.getMessage());
        byte[] out = Sops.decrypt(FILE, broken.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, true);
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("test_value"));
    }
}
