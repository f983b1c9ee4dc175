package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every key type parses; unsupported ones are named in errors; YAML anchors expand. */
class MetadataTest {
    private static final String ALL_TYPES = """
            secret: ENC[AES256_GCM,data:oYyi,iv:MyIDYbT718JRr11QtBkcj3Dwm4k1aCGZBVeZf0EyV8o=,tag:t5z2Z023Up0kxwCgw1gNxg==,type:str]
            sops:
                shamir_threshold: 2
                key_groups:
                    - kms:
                        - arn: arn:aws:kms:us-east-1:123:key/abc
                          role: arn:aws:iam::123:role/r
                          context:
                            app: x
                          created_at: "2024-01-01T00:00:00Z"
                          enc: AQID
                          aws_profile: ""
                      gcp_kms:
                        - resource_id: projects/p/locations/l/keyRings/r/cryptoKeys/k
                          created_at: "2024-01-01T00:00:00Z"
                          enc: AQID
                      hc_vault: []
                      age: []
                    - azure_kv:
                        - vault_url: https://v.vault.azure.net
                          name: key
                          version: "1"
                          created_at: "2024-01-01T00:00:00Z"
                          enc: AQID
                      hc_vault:
                        - vault_address: http://127.0.0.1:8200
                          engine_path: transit
                          key_name: k
                          created_at: "2024-01-01T00:00:00Z"
                          enc: vault:v1:abc
                      hckms:
                        - key_id: tr-west-1:abc
                          created_at: "2024-01-01T00:00:00Z"
                          enc: AQID
                      age: []
                lastmodified: "2024-01-01T00:00:00Z"
                mac: ""
                unencrypted_suffix: _unencrypted
                version: 3.13.2
            """;

    @Test
    void allKeyTypesParseAndAreReportedUnsupportedByName() throws Exception {
        Sops.SopsFile f = Sops.load("all.yaml", ALL_TYPES.getBytes(StandardCharsets.UTF_8), Format.YAML);
        assertEquals(2, f.metadata().keyGroups().size());
        assertEquals(2, f.metadata().shamirThreshold());
        List<MasterKey> g0 = f.metadata().keyGroups().get(0).keys();
        List<MasterKey> g1 = f.metadata().keyGroups().get(1).keys();
        assertTrue(g0.get(0) instanceof MasterKey.KmsKey k && k.context().equals(java.util.Map.of("app", "x")) && k.role().endsWith("role/r"));
        assertTrue(g0.get(1) instanceof MasterKey.GcpKmsKey);
        assertEquals(List.of("azure_kv", "hc_vault", "hckms"), g1.stream().map(MasterKey::typeName).toList());
        DataKeyException e = assertThrows(DataKeyException.class,
                () -> Sops.decrypt(f, FakeKeys.source(Set.of()), false));
        String m = e.getMessage();
        for (String s : List.of("all.yaml", "AWS KMS keys are not supported", "GCP KMS keys are not supported", "Azure Key Vault keys are not supported",
                "HashiCorp Vault keys are not supported", "HuaweiCloud KMS keys are not supported", "group 2: hckms tr-west-1:abc")) {
            assertTrue(m.contains(s), s + " in " + m);
        }
        assertEquals(5, e.attempts().size());
        // written back in the 3.13 layout, the groups survive
        Mapping again = f.metadata().toMapping();
        assertEquals(f.metadata(), Metadata.parse(again, "again"));
    }

    @Test
    void malformedMetadataIsTyped() {
        for (String bad : List.of("a: 1\nsops: 3\n", "a: 1\nsops:\n    lastmodified: nope\n    age: []\n",
                "a: 1\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n", "a: 1\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    age: [{recipient: x, enc: y}]\n    encrypted_regex: a\n    unencrypted_regex: b\n",
                "a: 1\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    age: [{recipient: x, enc: y}]\n    encrypted_regex: '('\n", "a: 1\n")) {
            assertThrows(SopsFormatException.class, () -> Sops.load("bad.yaml", bad.getBytes(StandardCharsets.UTF_8), Format.YAML), bad);
        }
    }

    @Test
    void anchorsAndAliasesExpand() throws Exception {
        String doc = "base: &b\n    user: admin\n    pass: secret\ncopy: *b\nlist: [&x one, *x]\n";
        EncryptOptions o = EncryptOptions.to(List.of(FakeKeys.wrapper("age1k")));
        byte[] enc = Sops.encrypt("a.yaml", doc.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, o);
        String e = new String(enc, StandardCharsets.UTF_8);
        assertTrue(!e.contains("&b") && !e.contains("*b") && !e.contains("secret"), e);
        byte[] out = Sops.decrypt("a.yaml", enc, Format.YAML, Format.YAML, FakeKeys.source(Set.of("age1k")), false);
        assertEquals("base:\n    user: admin\n    pass: secret\ncopy:\n    user: admin\n    pass: secret\nlist:\n    - one\n    - one\n",
                new String(out, StandardCharsets.UTF_8));
    }
}
