package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metadata layout sops 3.13 writes, per store. */
class LayoutTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-22T20:16:23.456Z"), ZoneOffset.UTC);

    private static String encrypt(String plain, Format f, EncryptOptions opts) throws SopsException {
        return new String(Sops.encrypt("f", plain.getBytes(StandardCharsets.UTF_8), f, f, opts, CLOCK), StandardCharsets.UTF_8);
    }

    /** Masks ciphertext so the layout can be compared as text. */
    private static String mask(String s) {
        return s.replaceAll("ENC\\[AES256_GCM,[^\\]]*type:(\\w+)\\]", "ENC[$1]").replaceAll("-----FAKE-----(\\\\n|\\n\\s*)[A-Za-z0-9+/=]+\\\\n", "FAKE")
                .replaceAll("-----FAKE-----(\\\\n|\\n\\s*)[A-Za-z0-9+/=]+\\n", "FAKE\n");
    }

    @Test
    void yamlOneGroup() throws Exception {
        String out = encrypt("a: 1\nb_unencrypted: x\n", Format.YAML, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one"))));
        assertEquals("""
                a: ENC[int]
                b_unencrypted: x
                sops:
                    age:
                        - enc: |
                            FAKE
                          recipient: age1one
                    lastmodified: "2026-05-22T20:16:23Z"
                    mac: ENC[str]
                    unencrypted_suffix: _unencrypted
                    version: 3.13.2
                """, mask(out));
    }

    @Test
    void yamlTwoGroupsWithThreshold() throws Exception {
        EncryptOptions opts = new EncryptOptions(List.of(List.of(FakeKeys.wrapper("age1a")), List.of(FakeKeys.wrapper("age1b"))), 0,
                new EncryptionRule(EncryptionRule.Kind.ENCRYPTED_REGEX, "^pass"), true);
        String out = mask(encrypt("password: x\nuser: z\n", Format.YAML, opts));
        assertTrue(out.startsWith("password: ENC[str]\nuser: z\nsops:\n    encrypted_regex: ^pass\n    key_groups:\n        - age:\n"), out);
        assertTrue(out.contains("          hc_vault: []\n"), out);
        assertTrue(out.contains("    lastmodified: \"2026-05-22T20:16:23Z\"\n    mac: ENC[str]\n    mac_only_encrypted: true\n    shamir_threshold: 2\n    version: 3.13.2\n"), out);
    }

    @Test
    void jsonAndBinary() throws Exception {
        String json = mask(encrypt("{\"n\": 1, \"s\": \"<x>\"}", Format.JSON, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one")))));
        assertEquals("{\n\t\"n\": \"ENC[int]\",\n\t\"s\": \"ENC[str]\",\n\t\"sops\": {\n\t\t\"age\": [\n\t\t\t{\n\t\t\t\t\"enc\": \"FAKE\",\n"
                + "\t\t\t\t\"recipient\": \"age1one\"\n\t\t\t}\n\t\t],\n\t\t\"lastmodified\": \"2026-05-22T20:16:23Z\",\n\t\t\"mac\": \"ENC[str]\",\n"
                + "\t\t\"unencrypted_suffix\": \"_unencrypted\",\n\t\t\"version\": \"3.13.2\"\n\t}\n}\n", json);
        String bin = mask(encrypt("raw\u0000bytes", Format.BINARY, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one")))));
        assertTrue(bin.startsWith("{\n\t\"data\": \"ENC[str]\",\n\t\"sops\": {"), bin);
        assertTrue(!bin.contains("unencrypted_suffix"), bin);
    }

    @Test
    void dotenvAndIni() throws Exception {
        String env = mask(encrypt("#c\nK=v\n", Format.DOTENV, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one")))));
        assertEquals("#ENC[comment]\nK=ENC[str]\nsops_age__list_0__map_enc=FAKE\nsops_age__list_0__map_recipient=age1one\n"
                + "sops_lastmodified=2026-05-22T20:16:23Z\nsops_mac=ENC[str]\nsops_unencrypted_suffix=_unencrypted\nsops_version=3.13.2\n", env);
        String ini = mask(encrypt("; hello\n[sec]\nkey = value\nlonger_key = v2\n", Format.INI, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one")))));
        assertEquals("; ENC[comment]\n[sec]\nkey        = ENC[str]\nlonger_key = ENC[str]\n\n[sops]\n"
                + "age__list_0__map_enc       = FAKE\nage__list_0__map_recipient = age1one\nlastmodified               = 2026-05-22T20:16:23Z\n"
                + "mac                        = ENC[str]\nunencrypted_suffix         = _unencrypted\nversion                    = 3.13.2\n", ini);
    }

    @Test
    void iniReadsBothMetadataForms() throws Exception {
        String escaped = encrypt("[sec]\nkey = value\n", Format.INI, EncryptOptions.to(List.of(FakeKeys.wrapper("age1one"))));
        // 3.13.0 and 3.13.1 wrote real newlines inside """…""" instead of \n escapes
        var m = Pattern.compile("(age__list_0__map_enc\\s*= )(\\S+)").matcher(escaped);
        assertTrue(m.find());
        String tripleQuoted = escaped.substring(0, m.start(2)) + "\"\"\"" + m.group(2).replace("\\n", "\n") + "\"\"\"" + escaped.substring(m.end(2));
        for (String f : new String[] {escaped, tripleQuoted}) {
            byte[] out = Sops.decrypt("f", f.getBytes(StandardCharsets.UTF_8), Format.INI, Format.INI, FakeKeys.source(Set.of("age1one")), false);
            assertEquals("[sec]\nkey = value\n", new String(out, StandardCharsets.UTF_8));
        }
    }

    @Test
    void oldLayoutsLoad() throws Exception {
        // 3.5-era JSON: null key lists, an unknown Python-era key, recipient before enc
        String json = """
                {"a": "ENC[AES256_GCM,data:oYyi,iv:MyIDYbT718JRr11QtBkcj3Dwm4k1aCGZBVeZf0EyV8o=,tag:t5z2Z023Up0kxwCgw1gNxg==,type:str]",
                 "sops": {"kms": null, "gcp_kms": null, "azure_kv": null, "hc_vault": null, "attention": "python era",
                  "age": [{"recipient": "age1x", "enc": "e"}], "lastmodified": "2020-07-03T08:21:21.123+02:00", "mac": "",
                  "pgp": null, "shamir_threshold": "0", "mac_only_encrypted": "false", "version": "3.5.0"}}
                """;
        Sops.SopsFile f = Sops.load("old.json", json.getBytes(StandardCharsets.UTF_8), Format.JSON);
        assertEquals(1, f.metadata().keyGroups().size());
        assertEquals(new MasterKey.AgeKey("age1x", "e"), f.metadata().keyGroups().getFirst().keys().getFirst());
        assertEquals(EncryptionRule.DEFAULT, f.metadata().rule());
        assertEquals("2020-07-03T08:21:21+02:00", Mac.aad(f.metadata().lastModified(), "f"));
    }
}
