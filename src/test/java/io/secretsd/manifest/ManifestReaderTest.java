package io.secretsd.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
    static final String PH = "<SOPS:92488e1e3eeecdf99f3ed2ce59233efb4b4fb612d5655c0ce9ea52b5a502e655:PLACEHOLDER>";

    /** The manifest manifest-for.nix writes for one secret plus the test_default template (keys sorted). */
    static final String NIXOS = """
            {"ageKeyFile":"/run/age-keys.txt","ageSshKeyPaths":[],"gnupgHome":null,"keepGenerations":1,
             "logging":{"keyImport":true,"secretChanges":true},
             "placeholderBySecretName":{"test_key":"%s"},
             "secrets":[{"format":"yaml","gid":0,"group":null,"key":"test_key","mode":"0400","name":"test_key",
               "neededForUsers":false,"owner":null,"path":"/run/secrets/test_key","reloadUnits":[],"restartUnits":[],
               "sopsFile":"/nix/store/abc-secrets.yaml","sopsFileHash":"e1556cc6884d","uid":0}],
             "secretsMountPoint":"/run/secrets.d","sshKeyPaths":[],"symlinkPath":"/run/secrets",
             "templates":[{"content":"Test value: %s\\n","file":"/nix/store/abc-test_default",
               "gid":0,"group":null,"mode":"0400","name":"test_default","owner":null,"path":"/etc/externally/linked",
               "reloadUnits":[],"restartUnits":["nginx.service"],"uid":0}],
             "useTmpfs":false,"userMode":false}
            """.formatted(PH, PH);

    static Manifest parse(String s) throws ManifestException {
        return ManifestReader.parse(s.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    static List<String> problems(String s) {
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> parse(s));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTheNixosManifest() throws Exception {
        Manifest m = parse(NIXOS);
        assertEquals("/run/secrets.d", m.secretsMountPoint());
        assertEquals("/run/secrets", m.symlinkPath());
        assertEquals(1, m.keepGenerations());
        assertEquals(Optional.empty(), m.gnupgHome());
        assertEquals(Optional.of("/run/age-keys.txt"), m.ageKeyFile());
        assertEquals(Logging.DEFAULT, m.logging());
        Secret s = m.secrets().getFirst();
        assertEquals("test_key", s.name());
        assertEquals("test_key", s.attributeName());
        assertEquals("test_key", s.key());
        assertEquals(0400, s.mode());
        assertEquals(Format.YAML, s.format());
        assertEquals(Optional.empty(), s.owner());
        assertEquals("e1556cc6884d", s.sopsFileHash());
        Template t = m.templates().getFirst();
        assertEquals("Test value: " + PH + "\n", t.content());
        assertEquals(Optional.of("/nix/store/abc-test_default"), t.file());
        assertEquals("/etc/externally/linked", t.path());
        assertEquals(List.of("nginx.service"), t.restartUnits());
        assertEquals(PH, m.placeholderBySecretName().get("test_key"));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Manifest m = parse("""
                {"secrets":[{"name":"a","sopsFile":"/s.yaml","restartServices":["x"],"future":{"deep":[1,2]}}],
                 "somethingNew":true}""");
        assertEquals("a", m.secrets().getFirst().name());
    }

    @Test
    void nullsMeanNotSet() throws Exception {
        Manifest m = parse("""
                {"secrets":[{"name":"a","sopsFile":"/s.yaml","owner":null,"group":null,"mode":null,"format":null,
                  "key":null,"path":null,"uid":null,"restartUnits":null}],
                 "templates":null,"gnupgHome":null,"ageKeyFile":null,"logging":null,"keepGenerations":null}""");
        Secret s = m.secrets().getFirst();
        assertEquals(0400, s.mode());
        assertEquals(Format.YAML, s.format());
        assertEquals("a", s.key());
        assertEquals("/run/secrets/a", s.path());
        assertEquals(List.of(), s.restartUnits());
        assertEquals(1, m.keepGenerations());
    }

    @Test
    void darwinVariant() throws Exception {
        Manifest m = parse("""
                {"secrets":[{"format":"yaml","gid":0,"group":"staff","key":"k","mode":"0400","name":"k","owner":"root",
                  "path":"/run/secrets/k","sopsFile":"/s.yaml","sopsFileHash":"","uid":0}],
                 "templates":[{"content":"x","file":"/f","gid":0,"group":"staff","mode":"0400","name":"t","owner":"root",
                  "path":"/run/secrets/rendered/t","uid":0}],
                 "placeholderBySecretName":{"k":"<SOPS:x:PLACEHOLDER>"},
                 "secretsMountPoint":"/run/secrets.d","symlinkPath":"/run/secrets","keepGenerations":1,
                 "gnupgHome":null,"sshKeyPaths":["/etc/ssh/ssh_host_rsa_key"],"ageKeyFile":null,
                 "ageSshKeyPaths":["/etc/ssh/ssh_host_ed25519_key"],"useTmpfs":false,"userMode":false,
                 "logging":{"keyImport":true,"secretChanges":true}}""");
        assertEquals(Optional.of("staff"), m.secrets().getFirst().group());
        assertEquals(List.of(), m.secrets().getFirst().restartUnits());
        assertEquals(List.of("/etc/ssh/ssh_host_rsa_key"), m.sshKeyPaths());
    }

    @Test
    void homeManagerVariantAndRuntimeDir() throws Exception {
        Manifest m = parse("""
                {"secrets":[{"format":"yaml","key":"k","mode":"0400","name":"k","path":"%r/secrets/k","sopsFile":"/s.yaml"}],
                 "templates":[{"content":"x","file":"/f","mode":"0400","name":"t","path":"/home/u/.config/t"}],
                 "placeholderBySecretName":{}, "secretsMountPoint":"%r/secrets.d",
                 "symlinkPath":"/home/u/.config/sops-nix/secrets","keepGenerations":1,"gnupgHome":null,
                 "sshKeyPaths":[],"ageKeyFile":"/home/u/.age","ageSshKeyPaths":[],"userMode":true,
                 "logging":{"keyImport":false,"secretChanges":false}}""");
        assertTrue(m.userMode());
        assertFalse(m.useTmpfs());
        Manifest x = m.expandRuntimeDir("/run/user/1000");
        assertEquals("/run/user/1000/secrets.d", x.secretsMountPoint());
        assertEquals("/run/user/1000/secrets/k", x.secrets().getFirst().path());
        assertEquals("/a%r/b", Manifest.expand("/a%%r/b", "/X"));
    }

    @Test
    void yamlHasTheSameSchema() throws Exception {
        Manifest json = parse(NIXOS);
        Manifest yaml = ManifestReader.parse(("""
                ageKeyFile: /run/age-keys.txt
                ageSshKeyPaths: []
                gnupgHome: null
                keepGenerations: 1
                logging: {keyImport: true, secretChanges: true}
                placeholderBySecretName:
                  test_key: "%s"
                secrets:
                  - format: yaml
                    gid: 0
                    group: null
                    key: test_key
                    mode: 0400
                    name: test_key
                    neededForUsers: false
                    owner: null
                    path: /run/secrets/test_key
                    reloadUnits: []
                    restartUnits: []
                    sopsFile: /nix/store/abc-secrets.yaml
                    sopsFileHash: e1556cc6884d
                    uid: 0
                secretsMountPoint: /run/secrets.d
                sshKeyPaths: []
                symlinkPath: /run/secrets
                templates:
                  - content: "Test value: %s\\n"
                    file: /nix/store/abc-test_default
                    gid: 0
                    group: null
                    mode: "0400"
                    name: test_default
                    owner: null
                    path: /etc/externally/linked
                    reloadUnits: []
                    restartUnits: [nginx.service]
                    uid: 0
                useTmpfs: false
                userMode: false
                """).formatted(PH, PH).getBytes(StandardCharsets.UTF_8), "m.yaml");
        assertEquals(json, yaml);
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        List<String> p = problems("""
                {"secrets":[{"name":"ok","sopsFile":"/a"},{"name":"b","sopsFile":"/a"},{"name":"c","sopsFile":"/b"},
                  {"name":"d","sopsFile":"/c","mode":"0999","format":"toml","uid":-1}],
                 "keepGenerations":"3"}""");
        assertTrue(p.contains("secrets[3].mode: \"0999\" is not an octal mode"), p.toString());
        assertTrue(p.contains("secrets[3].format: \"toml\" is not one of yaml, json, binary, dotenv, ini"), p.toString());
        assertTrue(p.contains("secrets[3].uid: -1 is out of range [0, 4294967294]"), p.toString());
        assertTrue(p.contains("keepGenerations: expected a whole number, got a string \"3\""), p.toString());
        assertEquals(4, p.size(), p.toString());
    }

    @Test
    void namesMustStayInsideTheGeneration() {
        List<String> p = problems("""
                {"secrets":[{"name":"../etc/passwd","sopsFile":"/a"},{"name":"/abs","sopsFile":"/a"},
                  {"name":"a//b","sopsFile":"/a"},{"name":"x","sopsFile":"/a"},{"name":"x","sopsFile":"/a"},
                  {"name":"x/y","sopsFile":"/a"},{"sopsFile":"/a"},{"name":"n"}]}""");
        assertTrue(p.contains("secrets[0].name: \"../etc/passwd\" has an empty, \".\" or \"..\" component"), p.toString());
        assertTrue(p.contains("secrets[1].name: \"/abs\" must be a relative path"), p.toString());
        assertTrue(p.contains("secrets[2].name: \"a//b\" has an empty, \".\" or \"..\" component"), p.toString());
        assertTrue(p.contains("secrets[4].name: \"x\" is also the name of secrets[3]"), p.toString());
        assertTrue(p.contains("secrets[5].name: \"x/y\" lies inside \"x\" of secrets[3], which is a file"), p.toString());
        assertTrue(p.contains("secrets[6].name: is required"), p.toString());
        assertTrue(p.contains("secrets[7].sopsFile: is required"), p.toString());
    }

    /** Issue 9, defect 9: b's link inside symlinkPath replaced a's file; two entries with one path overwrote each other. */
    @Test
    void pathsInsideTheGenerationOrSharedAreRefused() {
        List<String> p = problems("""
                {"symlinkPath":"/run/secrets","secretsMountPoint":"/run/secrets.d",
                 "secrets":[{"name":"a","sopsFile":"/f"},{"name":"b","sopsFile":"/f","path":"/run/secrets/a"},
                  {"name":"c","sopsFile":"/f","path":"/etc/c"},{"name":"d","sopsFile":"/f","path":"/etc/./c"},
                  {"name":"e","sopsFile":"/f","path":"/run/secrets.d/1/e"},{"name":"f/g","sopsFile":"/f",
                   "path":"/run/secrets/f/g"}],
                 "templates":[{"name":"t","content":"x","path":"/etc/c"},{"name":"u","content":"x",
                   "path":"/run/secrets/rendered/u"}]}""");
        assertTrue(p.contains("secrets[1].path: \"/run/secrets/a\" lies inside \"/run/secrets\" but is not this "
                + "entry's own file there; the link would replace another file"), p.toString());
        assertTrue(p.contains("secrets[3].path: \"/etc/./c\" is also the path of secrets[2]"), p.toString());
        assertTrue(p.contains("secrets[4].path: \"/run/secrets.d/1/e\" lies inside \"/run/secrets.d\" but is not "
                + "this entry's own file there; the link would replace another file"), p.toString());
        assertTrue(p.contains("templates[0].path: \"/etc/c\" is also the path of secrets[2]"), p.toString());
        assertEquals(4, p.size(), p.toString());
    }

    /** Issue 9, defect 10: a unit name starting with "-" became an option to systemctl. */
    @Test
    void unitNamesFollowSystemdsGrammar() {
        String longName = "a".repeat(248) + ".service";
        List<String> p = problems("""
                {"secrets":[{"name":"a","sopsFile":"/f","restartUnits":["--help","-H","nginx","a b.service","x.serv",
                   "@x.service","%s","ok.service","getty@tty1.service","tmpl@.service","-.slice","a\\\\x2db.mount"],
                  "reloadUnits":["--no-ask-password.service","web@a@b.service"]}]}""".formatted(longName));
        assertTrue(p.contains("secrets[0].restartUnits[0]: \"--help\" is not a unit name: it does not end in a unit type "
                + "(.automount, .device, .mount, .path, .scope, .service, .slice, .socket, .swap, .target, .timer)"), p.toString());
        for (int i : new int[] {1, 2, 4}) {
            assertTrue(p.stream().anyMatch(l -> l.startsWith("secrets[0].restartUnits[" + i + "]: ") && l.contains("does not end in a unit type")), i + ": " + p);
        }
        assertTrue(p.contains("secrets[0].restartUnits[3]: \"a b.service\" is not a unit name: it has a character outside "
                + "systemd's unit name grammar (letters, digits, \":-_.\\\", \"@\" before an instance)"), p.toString());
        assertTrue(p.contains("secrets[0].restartUnits[5]: \"@x.service\" is not a unit name: it has an empty name before its type or instance"), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith("secrets[0].restartUnits[6]: ") && l.endsWith("is longer than 255 characters")), p.toString());
        assertTrue(p.stream().noneMatch(l -> l.matches("secrets\\[0]\\.restartUnits\\[(7|8|9|10|11)].*")), p.toString());
        // "--no-ask-password.service" is a valid name: it can only be passed after "--" (UnitHandover does)
        assertTrue(p.stream().noneMatch(l -> l.startsWith("secrets[0].reloadUnits[")), p.toString());
        assertEquals(7, p.size(), p.toString());
    }

    /** Issue 9, defect 12: a 100,000-digit keepGenerations came back whole, a 100 KB error line. */
    @Test
    void hugeNumbersAreClippedInErrors() {
        String digits = "9".repeat(100_000);
        List<String> p = problems("{\"keepGenerations\":" + digits + ",\"secrets\":[{\"name\":\"a\",\"sopsFile\":\"/f\",\"uid\":-" + digits + "}]}");
        assertEquals(2, p.size(), p.toString());
        for (String line : p) assertTrue(line.length() < 120, line.length() + " characters: " + line.substring(0, Math.min(200, line.length())));
        assertTrue(p.contains("keepGenerations: 99999999999999999999… (100000 characters) is out of range [0, 2147483647]"), p.toString());
    }

    /** Issue 9, defect 6: a manifest's size is bounded and checked before it is read. */
    @Test
    void aManifestOverTheLimitIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path f = tmp.resolve("manifest.json");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(ManifestReader.MAX_BYTES + 1L);
        }
        ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class, () -> ManifestReader.read(f));
        assertEquals(f + ": the manifest is larger than the 16 MiB a manifest may have", e.getMessage());
    }

    @Test
    void sopsInstallSecretsChecks() {
        List<String> p = problems("""
                {"gnupgHome":"/g","sshKeyPaths":["/k"],"ageKeyFile":"/a",
                 "secrets":[{"name":"a","sopsFile":"/f","format":"json"},{"name":"b","sopsFile":"/f","format":"yaml"}],
                 "templates":[{"name":"t"}]}""");
        assertTrue(p.contains("gnupgHome: gnupgHome and sshKeyPaths were specified in the manifest. "
                + "Both options are mutually exclusive."), p.toString());
        assertTrue(p.contains("gnupgHome: gnupgHome and ageKeyFile were specified in the manifest. "
                + "Both options are mutually exclusive."), p.toString());
        assertTrue(p.contains("secrets[1].format: secret b defined the format of /f as yaml, but it was specified "
                + "as json in a before"), p.toString());
        assertTrue(p.contains("templates[0].content: neither content nor file was specified for template t"),
                p.toString());
    }

    @Test
    void malformedJsonIsASyntaxError() {
        ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class, () -> parse("{\"secrets\": [}"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(ManifestSyntaxException.class, () -> parse("{\"a\":1,\"a\":2}"));
        assertThrows(ManifestSyntaxException.class, () -> parse("{} {}"));
        assertThrows(ManifestSyntaxException.class, () -> ManifestReader.parse(
                "a: [".getBytes(StandardCharsets.UTF_8), "m.yaml"));
        assertThrows(InvalidManifestException.class, () -> ManifestReader.parse(
                "- a".getBytes(StandardCharsets.UTF_8), "m.yaml"));
    }

    @Test
    void missingFileIsReported() {
        ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class,
                () -> ManifestReader.read(java.nio.file.Path.of("/nonexistent/manifest.json")));
        assertTrue(e.getMessage().contains("cannot read the manifest: no such file"), e.getMessage());
    }

    @Test
    void splitsNeededForUsers() throws Exception {
        Manifest m = parse("""
                {"secrets":[{"name":"pw","sopsFile":"/a","neededForUsers":true,"owner":"alice"},
                            {"name":"b","sopsFile":"/a"}]}""");
        List<Manifest> parts = m.splitForUsers();
        assertEquals(2, parts.size());
        Manifest users = parts.getFirst();
        assertEquals("/run/secrets-for-users", users.symlinkPath());
        assertEquals("/run/secrets-for-users/pw", users.secrets().getFirst().path());
        assertEquals(Optional.empty(), users.secrets().getFirst().owner());
        assertEquals(List.of("b"), parts.get(1).secrets().stream().map(Secret::name).toList());
    }
}
