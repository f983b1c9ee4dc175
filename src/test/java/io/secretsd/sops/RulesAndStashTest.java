package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Encryption rules, mac_only_encrypted, the IV stash, and value extraction. */
class RulesAndStashTest {
    private static final DataKeySource KEYS = FakeKeys.source(Set.of("age1k"));

    private static String enc(String yaml, EncryptionRule rule, boolean macOnly) throws SopsException {
        EncryptOptions o = new EncryptOptions(List.of(List.of(FakeKeys.wrapper("age1k"))), 0, rule, macOnly);
        return new String(Sops.encrypt("f.yaml", yaml.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, o), StandardCharsets.UTF_8);
    }

    private static String dec(String file) throws SopsException {
        return new String(Sops.decrypt("f.yaml", file.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, KEYS, false), StandardCharsets.UTF_8);
    }

    private static final String DOC = "data:\n    password: secret\n    port: 5432\nname_unencrypted:\n    inner: visible\nplain: 1\n";

    @Test
    void unencryptedSuffixCoversTheSubtree() throws Exception {
        String e = enc(DOC, null, false);
        assertTrue(e.contains("inner: visible"), e);
        assertFalse(e.contains("secret"), e);
        assertEquals(DOC, dec(e));
        // plaintext values are MACed unless mac_only_encrypted
        assertThrows(MacMismatchException.class, () -> dec(e.replace("inner: visible", "inner: changed")));
    }

    @Test
    void encryptedRegexAndMacOnlyEncrypted() throws Exception {
        EncryptionRule rule = new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_REGEX, "^(data|pass)");
        String e = enc(DOC, rule, true);
        assertTrue(e.contains("plain: 1") && e.contains("inner: visible") && !e.contains("secret"), e);
        assertTrue(e.contains("mac_only_encrypted: true"), e);
        // with mac_only_encrypted, values left in the clear may be edited without breaking the MAC
        assertTrue(dec(e.replace("plain: 1", "plain: 2")).contains("plain: 2"));
        String e2 = enc(DOC, rule, false);
        assertThrows(MacMismatchException.class, () -> dec(e2.replace("plain: 1", "plain: 2")));
    }

    @Test
    void encryptedCommentRegex() throws Exception {
        EncryptionRule rule = new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc");
        String doc = "# sops:enc\nhidden: secret\nshown: public\n";
        String e = enc(doc, rule, false);
        assertTrue(e.contains("# sops:enc\n") && e.contains("shown: public") && !e.contains("secret"), e);
        assertEquals(doc, dec(e));
    }

    @Test
    void unchangedValuesKeepTheirCiphertextOnReencryption() throws Exception {
        String e = enc("a: one\nb: two\nlist:\n    - x\n    - y\n", null, false);
        try (Sops.Decrypted d = Sops.decrypt(Sops.load("f.yaml", e.getBytes(StandardCharsets.UTF_8), Format.YAML), KEYS, false)) {
            Mapping root = d.document().branches().getFirst();
            List<Mapping.Item> items = new ArrayList<>(root.items());
            items.set(1, new Mapping.Field("b", Scalar.str("changed")));
            String again = new String(Sops.reencrypt(d, Document.of(new Mapping(items)), Format.YAML), StandardCharsets.UTF_8);
            assertEquals(value(e, "a"), value(again, "a"));
            assertNotEquals(value(e, "b"), value(again, "b"));
            assertTrue(again.contains(listItem(e, 0)) && again.contains(listItem(e, 1)));
            assertNotEquals(value(e, "mac"), value(again, "mac"));
            assertEquals("a: one\nb: changed\nlist:\n    - x\n    - \"y\"\n", dec(again)); // yaml.v3 quotes YAML 1.1 booleans
        }
    }

    private static String value(String yaml, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + ": (ENC\\[[^\\]]+\\])").matcher(yaml);
        assertTrue(m.find(), key);
        return m.group(1);
    }

    private static String listItem(String yaml, int n) {
        Matcher m = Pattern.compile("(?m)^\\s*- (ENC\\[[^\\]]+\\])").matcher(yaml);
        for (int i = 0; i <= n; i++) assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void extraction() throws Exception {
        String e = enc("a:\n    b:\n        - x\n        - m: 5\n    s: str\nint: 3\n", null, false);
        byte[] bytes = e.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals("x".getBytes(), Sops.extract("f", bytes, Format.YAML, Format.YAML, Extract.parsePath("[\"a\"][\"b\"][0]"), KEYS, false));
        assertEquals("m: 5\n", new String(Sops.extract("f", bytes, Format.YAML, Format.YAML, Extract.parsePath("['a']['b'][1]"), KEYS, false)));
        assertEquals("{\n\t\"m\": 5\n}", new String(Sops.extract("f", bytes, Format.YAML, Format.JSON, Extract.parsePath("[\"a\"][\"b\"][1]"), KEYS, false)));
        assertArrayEquals("str".getBytes(), Sops.extractKey("f", bytes, Format.YAML, "a/s", KEYS, false));
        assertEquals("a:\n    b:\n        - x\n        - m: 5\n    s: str\nint: 3\n", new String(Sops.extractKey("f", bytes, Format.YAML, "", KEYS, false)));
        ExtractException x = assertThrows(ExtractException.class, () -> Sops.extractKey("f", bytes, Format.YAML, "int", KEYS, false));
        assertTrue(x.getMessage().contains("the value of key 'int' is not a string"), x.getMessage());
        x = assertThrows(ExtractException.class, () -> Sops.extractKey("f", bytes, Format.YAML, "a/missing", KEYS, false));
        assertTrue(x.getMessage().contains("the key 'a/missing' cannot be found"), x.getMessage());
        x = assertThrows(ExtractException.class, () -> Sops.extractKey("f", bytes, Format.YAML, "int/x", KEYS, false));
        assertTrue(x.getMessage().contains("key 'int' does not refer to a dictionary"), x.getMessage());
        Sops.SopsFile sf = Sops.load("f", bytes, Format.YAML);
        Sops.checkKey(sf, "a/s");
        Sops.checkKey(sf, "");
        assertThrows(ExtractException.class, () -> Sops.checkKey(sf, "int"));
        assertThrows(ExtractException.class, () -> Sops.checkKey(sf, "a/b"));
        assertThrows(ExtractException.class, () -> Sops.checkKey(sf, "a/nope"));
        assertThrows(ExtractException.class, () -> Extract.parsePath("[\"a\"]x"));
        assertThrows(ExtractException.class, () -> Extract.parsePath("[a]"));
    }

    @Test
    void typesRoundTripThroughYaml() throws Exception {
        String doc = "i: 0x1F\nf: 1.5e3\nb: True\nt: 2024-01-01\nn: ~\ns: '0x1F'\nbig: 1.234568e9\n";
        assertEquals("i: 31\nf: 1500\nb: true\nt: 2024-01-01T00:00:00Z\n\"n\": null\ns: 0x1F\nbig: 1.234568e+09\n",
                dec(enc(doc, null, false)).replace("s: \"0x1F\"", "s: 0x1F"));
        assertTrue(dec(enc(doc, null, false)).contains("s: \"0x1F\""));
    }
}
