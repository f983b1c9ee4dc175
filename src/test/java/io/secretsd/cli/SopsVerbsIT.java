package io.secretsd.cli;

import static io.secretsd.testing.Proc.dist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.age.X25519Identity;
import io.secretsd.sops.SopsAgeCheck;
import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sops command line as {@code secretsctl} speaks it: the behaviours sops' functional tests check
 * ({@code functional-tests/src/lib.rs}), run against the packaged launcher in a repository with a
 * {@code .sops.yaml}, and every file written by set, edit, updatekeys and rotate opened with npm sops-age.
 */
class SopsVerbsIT {
    @TempDir
    static Path dir;

    static String ctl;
    /** The vectors' age key: the "workstation" that opens everything, and sops-age's key. */
    static String workstation;
    /** A second key, generated here: the "infrastructure" key. */
    static String infra;
    static Path infraKey;

    @BeforeAll
    static void setUp() throws IOException {
        ctl = dist("secretsctl");
        workstation = Files.readString(Vectors.sopsNix("age-keys.txt")).lines()
                .filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring(14);
        X25519Identity id = X25519Identity.generate();
        infra = id.recipient().toString();
        infraKey = dir.resolve("infra.txt");
        Files.write(infraKey, io.secretsd.age.IdentityFile.keygenFile(id, java.time.OffsetDateTime.now()));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("home"));
    }

    /** A fresh repository with this .sops.yaml. */
    static Path repo(String name, String sopsYaml) throws IOException {
        Path r = Files.createDirectories(dir.resolve(name));
        Files.writeString(r.resolve(".sops.yaml"), sopsYaml);
        return r;
    }

    static Proc.Result sops(Path cwd, Map<String, String> extraEnv, byte[] stdin, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(),
                "GNUPGHOME", dir.resolve("no-gnupg").toString(), "XDG_RUNTIME_DIR", dir.resolve("run").toString(),
                "SOPS_AGE_KEY_FILE", Vectors.sopsNix("age-keys.txt").toString()));
        env.putAll(extraEnv);
        List<String> cmd = new ArrayList<>(List.of(ctl));
        cmd.addAll(List.of(args));
        return Proc.run(cwd, stdin, env, cmd);
    }

    static Proc.Result sops(Path cwd, String... args) {
        return sops(cwd, Map.of(), null, args);
    }

    static Proc.Result ok(Proc.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    static final String FLEET = """
            stores:
              yaml:
                indent: 2
            creation_rules:
              - path_regex: test_no_keygroups.yaml
              - path_regex: test_zero_keygroups.yaml
                key_groups: []
              - path_regex: test_empty_keygroup.yaml
                key_groups:
                  - {}
              - path_regex: ^shamir/.*\\.yaml$
                key_groups:
                  - age: [%1$s]
                  - age:
                      - %2$s
              - path_regex: ^apps/.*\\.yaml$
                encrypted_regex: ^(password|token)$
                age: %1$s, %2$s
              - age: >-
                  %1$s
            """;

    @Test
    void creationRulesPickKeysAndRuleFromTheFilesPathRelativeToTheConfig() throws Exception {
        Path r = repo("rules", FLEET.formatted(workstation, infra));
        Path apps = Files.createDirectories(r.resolve("apps"));
        Files.writeString(apps.resolve("db.yaml"), "user: admin\npassword: hunter2\nlist:\n  - token: t0k\n");
        // run from the subdirectory: .sops.yaml is found by walking up, the path is matched as apps/db.yaml
        ok(sops(apps, "-e", "-i", "db.yaml"));
        String enc = Files.readString(apps.resolve("db.yaml"));
        assertTrue(enc.contains("user: admin\n"), enc);
        assertFalse(enc.contains("hunter2") || enc.contains("t0k"), enc);
        assertTrue(enc.contains("recipient: " + workstation) && enc.contains("recipient: " + infra), enc);
        assertTrue(enc.contains("encrypted_regex: ^(password|token)$"), enc);
        assertTrue(enc.contains("\n  age:\n    - "), "stores.yaml.indent 2: " + enc);
        // the infrastructure key alone opens it
        Proc.Result d = ok(sops(apps, Map.of("SOPS_AGE_KEY_FILE", infraKey.toString()), null, "-d", "db.yaml"));
        assertEquals("user: admin\npassword: hunter2\nlist:\n  - token: t0k\n", d.out());
        ok(sops(apps, "--indent", "4", "decrypt", "--output", "plain.yaml", "db.yaml"));
        assertTrue(Files.readString(apps.resolve("plain.yaml")).contains("\n    - token: t0k"));

        // the catch-all rule: the workstation only
        Files.writeString(r.resolve("other.yaml"), "a: b\n");
        ok(sops(r, "encrypt", "-i", "other.yaml"));
        assertFalse(Files.readString(r.resolve("other.yaml")).contains(infra));

        // flags and SOPS_AGE_RECIPIENTS replace the rule's keys
        Files.writeString(r.resolve("flag.yaml"), "a: b\n");
        String viaFlag = ok(sops(r, "encrypt", "--age", infra, "flag.yaml")).out();
        assertTrue(viaFlag.contains(infra) && !viaFlag.contains(workstation), viaFlag);
        String viaEnv = ok(sops(r, Map.of("SOPS_AGE_RECIPIENTS", infra), null, "encrypt", "flag.yaml")).out();
        assertTrue(viaEnv.contains(infra) && !viaEnv.contains(workstation), viaEnv);
    }

    @Test
    void ruleWithNoZeroOrEmptyKeyGroupsFailsAsSopsDoes() throws Exception {
        Path r = repo("groups", FLEET.formatted(workstation, infra));
        for (String f : List.of("test_no_keygroups.yaml", "test_zero_keygroups.yaml", "test_empty_keygroup.yaml")) {
            Files.writeString(r.resolve(f), "a: secret");
            Proc.Result e = sops(r, "encrypt", "-i", f);
            assertEquals(1, e.exit(), f);
            assertTrue(e.stderr().contains(f) && e.stderr().contains("empty key group provided"), e.stderr());
            assertEquals("a: secret", Files.readString(r.resolve(f)), "untouched");
        }
    }

    @Test
    void shamirKeyGroupsRoundTrip() throws Exception {
        Path r = repo("shamir", FLEET.formatted(workstation, infra));
        Files.createDirectories(r.resolve("shamir"));
        Files.writeString(r.resolve("shamir/s.yaml"), "secret: shared\n");
        ok(sops(r, "encrypt", "-i", "shamir/s.yaml"));
        String enc = Files.readString(r.resolve("shamir/s.yaml"));
        assertTrue(enc.contains("key_groups:") && enc.contains("shamir_threshold: 2"), enc);
        // both groups are needed: both keys open it, either one alone fails naming the groups
        Map<String, String> both = Map.of("SOPS_AGE_KEY", Files.readString(infraKey));
        assertEquals("secret: shared\n", ok(sops(r, both, null, "-d", "shamir/s.yaml")).out());
        Proc.Result missing = sops(r, "-d", "shamir/s.yaml");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.stderr().contains("key group"), missing.stderr());
        // sops' Shamir refuses a threshold of 1 (the data key would sit whole in each group)
        Files.writeString(r.resolve("shamir/t.yaml"), "secret: shared\n");
        Proc.Result one = sops(r, "encrypt", "--shamir-secret-sharing-threshold", "1", "shamir/t.yaml");
        assertEquals(1, one.exit(), one.toString());
    }

    @Test
    void decryptFromStdinExtractOutputBinaryAndFormats() throws Exception {
        Path r = repo("io", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("m.yaml"), "lorem: ipsum\ndolor: sit\nmultiline: |\n  multi\n  line");
        ok(sops(r, "encrypt", "-i", "m.yaml"));
        byte[] enc = Files.readAllBytes(r.resolve("m.yaml"));
        assertEquals("multi\nline", ok(sops(r, "decrypt", "--extract", "[\"multiline\"]", "m.yaml")).out());
        for (String stdin : List.of("-", "/dev/stdin")) {
            String out = ok(sops(r, Map.of(), enc, "decrypt", "--input-type", "yaml", "--output-type", "json", stdin)).out();
            assertTrue(out.contains("\t\"lorem\": \"ipsum\",\n\t\"dolor\": \"sit\""), out);
        }
        Files.writeString(r.resolve("plain.yaml"), "a: b\n");
        ok(sops(r, Map.of(), "x: z\n".getBytes(StandardCharsets.UTF_8), "encrypt", "--filename-override", "plain.yaml", "--output", "o.yaml"));
        assertEquals("x: z\n", plain(r.resolve("o.yaml")));

        // output flag: nothing on stdout, the file written
        Files.write(r.resolve("test.binary"), "\"\"{}this_is_binary_data".getBytes(StandardCharsets.UTF_8));
        Proc.Result o = ok(sops(r, "encrypt", "--output", "out.txt", "test.binary"));
        assertEquals("", o.out());
        assertFalse(Files.readString(r.resolve("out.txt")).isEmpty());
        ok(sops(r, "encrypt", "-i", "test.binary"));
        assertEquals("\"\"{}this_is_binary_data", ok(sops(r, "decrypt", "test.binary")).out());

        // decrypt_format: each store's own output
        Map<String, String> plain = Map.of("format.json", "{\"foo\": \"bar\"}", "format.env", "foo=bar\n", "format.ini", "[foo]\nbar = baz\n");
        Map<String, String> want = Map.of("format.json", "{\n\t\"foo\": \"bar\"\n}", "format.env", "foo=bar\n", "format.ini", "[foo]\nbar = baz\n");
        for (var e : plain.entrySet()) {
            Files.writeString(r.resolve(e.getKey()), e.getValue());
            ok(sops(r, "-e", "-i", e.getKey()));
            // INI: sops' go-ini writes a blank line after the last section in some versions; compare without it
            assertEquals(want.get(e.getKey()).strip(), plain(r.resolve(e.getKey())).strip(), e.getKey());
        }
        // $HOME/.ssh/id_ed25519 opens a file encrypted to its ssh-to-age recipient, with no conversion step
        Path sshHome = Files.createDirectories(dir.resolve("home-ssh/.ssh"));
        Files.copy(Vectors.sopsNix("ssh-ed25519-key"), sshHome.resolve("id_ed25519"));
        Proc.Result viaSsh = ok(sops(r, Map.of("HOME", sshHome.getParent().toString(), "SOPS_AGE_KEY_FILE", ""), null,
                "-d", "--extract", "[\"test_key\"]", Vectors.sopsNix("secrets.yaml").toString()));
        assertEquals("test_value", viaSsh.out());

        // already encrypted, missing file, conflicting flags: sops' exit statuses
        assertEquals(203, sops(r, "encrypt", "m.yaml").exit());
        assertEquals(100, sops(r, "decrypt", "nope.yaml").exit());
        assertEquals(8, sops(r, "decrypt", "-i", "--output", "x", "m.yaml").exit());
    }

    @Test
    void commentsSurviveAndAreEncrypted() throws Exception {
        Path r = repo("comments", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("c.yaml"), "# first comment\na: b\nlist:\n  # inside\n  - x\n");
        ok(sops(r, "-e", "-i", "c.yaml"));
        String enc = Files.readString(r.resolve("c.yaml"));
        assertFalse(enc.contains("first comment") || enc.contains("inside"), enc);
        String dec = plain(r.resolve("c.yaml"));
        assertTrue(dec.contains("# first comment") && dec.contains("# inside"), dec);
    }

    @Test
    void setAndUnsetChangeOneValueAndAreIdempotentOnRequest() throws Exception {
        Path r = repo("set", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("s.json"), "{\"a\": 2, \"b\": \"ba\", \"c\": [1, 2]}");
        Files.writeString(r.resolve("s.yaml"), "a: 2\nb: ba\nc:\n  - 1\n  - 2\n");
        ok(sops(r, "encrypt", "-i", "s.json"));
        ok(sops(r, "encrypt", "-i", "s.yaml"));

        String before = Files.readString(r.resolve("s.yaml"));
        ok(sops(r, "set", "s.yaml", "[\"b\"]", "\"bb\""));
        List<String> changed = changedLines(before, Files.readString(r.resolve("s.yaml")));
        // lastmodified changes unless the set ran within the second of the encryption
        assertEquals(changed.stream().anyMatch(l -> l.contains("lastmodified")) ? 3 : 2, changed.size(),
                "the value, lastmodified and mac: " + changed);
        assertTrue(changed.get(0).startsWith("b: ENC["), changed.toString());

        ok(sops(r, "set", "s.json", "[\"a\"]", "{\"aa\": \"aaa\"}"));
        ok(sops(r, "set", "s.json", "[\"d\"][\"e\"]", "true"));
        Files.writeString(r.resolve("v.json"), "\"from file\"");
        ok(sops(r, "set", "--value-file", "s.json", "[\"f\"]", "v.json"));
        ok(sops(r, Map.of(), "[1, \"x\"]".getBytes(StandardCharsets.UTF_8), "set", "--value-stdin", "s.json", "[\"g\"]"));
        assertEquals("{\n\t\"a\": {\n\t\t\"aa\": \"aaa\"\n\t},\n\t\"b\": \"ba\",\n\t\"c\": [\n\t\t1,\n\t\t2\n\t],\n\t\"d\": {\n\t\t\"e\": true\n\t},\n"
                + "\t\"f\": \"from file\",\n\t\"g\": [\n\t\t1,\n\t\t\"x\"\n\t]\n}\n", ok(sops(r, "-d", "s.json")).out());

        String same = Files.readString(r.resolve("s.json"));
        ok(sops(r, "set", "--idempotent", "s.json", "[\"b\"]", "\"ba\""));
        assertEquals(same, Files.readString(r.resolve("s.json")), "--idempotent: no write when nothing changes");
        ok(sops(r, "set", "s.json", "[\"b\"]", "\"ba\""));
        assertNotEquals(same, Files.readString(r.resolve("s.json")), "without --idempotent: written (new lastmodified/mac)");
        assertEquals(7, sops(r, "set", "s.json", "[\"b\"]", "not json").exit());
        // sops' verb-less form: --set '["key"] VALUE' FILE
        ok(sops(r, "--set", "[\"h\"][\"i\"] \"with ] space\"", "s.json"));
        assertEquals("with ] space", ok(sops(r, "-d", "--extract", "[\"h\"][\"i\"]", "s.json")).out());
        assertEquals(7, sops(r, "--set", "[\"h\"]\"no space\"", "s.json").exit());
        ok(sops(r, "unset", "s.json", "[\"h\"]"));

        ok(sops(r, "unset", "s.json", "[\"a\"]"));
        ok(sops(r, "unset", "s.json", "[\"c\"][1]"));
        String afterUnset = Files.readString(r.resolve("s.json"));
        assertEquals(1, sops(r, "unset", "s.json", "[\"a\"]").exit());
        ok(sops(r, "unset", "--idempotent", "s.json", "[\"a\"]"));
        ok(sops(r, "unset", "--idempotent", "s.json", "[\"c\"][1]"));
        assertEquals(afterUnset, Files.readString(r.resolve("s.json")));
        String dec = plain(r.resolve("s.json"));
        assertFalse(dec.contains("\"a\""), dec);
        assertTrue(dec.contains("\"c\": [\n\t\t1\n\t]"), dec);

        SopsAgeCheck.assertOpens(List.of(r.resolve("s.json"), r.resolve("s.yaml")));
    }

    @Test
    void updatekeysAddsAndRemovesRecipientsKeepingTheDataKey() throws Exception {
        Path r = repo("update", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("u.yaml"), "a: 1\nb: two\n");
        ok(sops(r, "-e", "-i", "u.yaml"));
        String before = Files.readString(r.resolve("u.yaml"));
        Files.writeString(r.resolve(".sops.yaml"), "creation_rules:\n  - age: " + workstation + "," + infra + "\n");

        Proc.Result no = sops(r, Map.of(), "n\n".getBytes(StandardCharsets.UTF_8), "updatekeys", "u.yaml");
        assertEquals(0, no.exit(), no.toString());
        assertTrue(no.out().contains("Group 1\n    " + workstation + "\n+++ " + infra + "\n"), no.out());
        assertEquals(before, Files.readString(r.resolve("u.yaml")), "answered n: unchanged");

        ok(sops(r, Map.of(), "y\n".getBytes(StandardCharsets.UTF_8), "updatekeys", "u.yaml"));
        String after = Files.readString(r.resolve("u.yaml"));
        for (String kept : List.of("a: ", "b: ", "    mac: ", "    lastmodified: ")) assertEquals(line(before, kept), line(after, kept), "unchanged: " + kept);
        assertEquals("a: 1\nb: two\n", plain(r.resolve("u.yaml"), infraKey));
        Proc.Result again = ok(sops(r, "updatekeys", "-y", "u.yaml"));
        assertTrue(again.stderr().contains("already up to date"), again.toString());

        Files.writeString(r.resolve(".sops.yaml"), "creation_rules:\n  - age: " + workstation + "\n");
        Proc.Result rm = ok(sops(r, "updatekeys", "-y", "u.yaml"));
        assertTrue(rm.out().contains("--- " + infra), rm.out());
        assertFalse(opens(r.resolve("u.yaml"), infraKey));
        SopsAgeCheck.assertOpens(List.of(r.resolve("u.yaml")));
    }

    @Test
    void cloudKeyEntriesAreKeptUntouchedBySetAndUpdatekeys() throws Exception {
        String arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Path r = repo("kms", "creation_rules:\n  - age: " + workstation + "\n    kms: " + arn + "\n");
        Files.writeString(r.resolve("k.yaml"), "a: 1\n");
        ok(sops(r, "encrypt", "--age", workstation, "-i", "k.yaml"));
        // a KMS entry as AWS would have written it (secretsd cannot call KMS; the entry must survive as it is)
        String kms = "    kms:\n        - arn: " + arn + "\n          aws_profile: \"\"\n          created_at: \"2024-01-01T00:00:00Z\"\n"
                + "          enc: AQICAHhKMSCiphertextThatOnlyAWSCanOpen==\n";
        Files.writeString(r.resolve("k.yaml"), Files.readString(r.resolve("k.yaml")).replace("sops:\n", "sops:\n" + kms));
        ok(sops(r, "set", "k.yaml", "[\"b\"]", "2"));
        assertTrue(Files.readString(r.resolve("k.yaml")).contains(kms), "set keeps the KMS entry");
        Files.writeString(r.resolve(".sops.yaml"), "creation_rules:\n  - age: " + workstation + "," + infra + "\n    kms: " + arn + "\n");
        Proc.Result u = ok(sops(r, "updatekeys", "-y", "k.yaml"));
        assertTrue(u.out().contains("    " + arn + "\n") && u.out().contains("+++ " + infra), u.out());
        assertTrue(Files.readString(r.resolve("k.yaml")).contains(kms), "updatekeys keeps the KMS entry");
        assertEquals("a: 1\nb: 2\n", plain(r.resolve("k.yaml"), infraKey));
    }

    @Test
    void rotateReencryptsEveryValueAndAddsOrRemovesKeys() throws Exception {
        Path r = repo("rotate", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("r.yaml"), "a: 1\nb: two\n");
        ok(sops(r, "-e", "-i", "r.yaml"));
        String before = Files.readString(r.resolve("r.yaml"));
        ok(sops(r, "rotate", "-i", "--add-age", infra, "r.yaml"));
        String after = Files.readString(r.resolve("r.yaml"));
        for (String value : List.of("a: ", "b: ")) assertNotEquals(line(before, value), line(after, value), "re-encrypted: " + value);
        assertEquals("a: 1\nb: two\n", plain(r.resolve("r.yaml"), infraKey));
        SopsAgeCheck.assertOpens(List.of(r.resolve("r.yaml")));
        String printed = ok(sops(r, "-r", "--rm-age", infra, "r.yaml")).out();
        assertFalse(printed.contains(infra), printed);
        assertEquals(49, sops(r, "rotate", "missing.yaml").exit());
    }

    @Test
    void editWithAScriptedEditor() throws Exception {
        Path r = repo("edit", "creation_rules:\n  - path_regex: ^new/\n    age: " + infra + "," + workstation + "\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("e.yaml"), "user: admin\npassword: hunter2\nport: 5432\n");
        ok(sops(r, "-e", "-i", "e.yaml"));
        String before = Files.readString(r.resolve("e.yaml"));
        Path editor = script("sed.sh", "#!/bin/sh\nls -ld \"$(dirname \"$1\")\" | cut -c1-10 > " + dir.resolve("mode") + "\n"
                + "echo \"$1\" > " + dir.resolve("where") + "\nsed -i 's/hunter2/hunter3/' \"$1\"\n");
        ok(sops(r, Map.of("EDITOR", editor.toString()), null, "e.yaml"));
        List<String> changed = changedLines(before, Files.readString(r.resolve("e.yaml")));
        // the value, the mac, and lastmodified unless the edit ran within the second of the encryption
        assertEquals(changed.stream().anyMatch(l -> l.contains("lastmodified")) ? 3 : 2, changed.size(), changed.toString());
        assertTrue(changed.get(0).startsWith("password: ENC["), changed.toString());
        assertEquals("drwx------", Files.readString(dir.resolve("mode")).strip());
        assertTrue(Files.readString(dir.resolve("where")).startsWith(dir.resolve("run").toString()), "in $XDG_RUNTIME_DIR");
        try (var s = Files.list(dir.resolve("run"))) {
            assertEquals(0, s.count(), "the plaintext directory is removed");
        }
        SopsAgeCheck.assertOpens(List.of(r.resolve("e.yaml")));

        // SOPS_EDITOR wins over EDITOR; nothing changed: sops' status 200, no write
        String now = Files.readString(r.resolve("e.yaml"));
        assertEquals(200, sops(r, Map.of("SOPS_EDITOR", "true", "EDITOR", editor.toString()), null, "edit", "e.yaml").exit());
        assertEquals(now, Files.readString(r.resolve("e.yaml")));

        // an edit that no longer parses: non-zero, file untouched (no terminal to offer a re-open)
        Path broken = script("broken.sh", "#!/bin/sh\necho 'a: [' > \"$1\"\n");
        Proc.Result b = sops(r, Map.of("EDITOR", broken.toString()), null, "edit", "e.yaml");
        assertEquals(1, b.exit(), b.toString());
        assertEquals(now, Files.readString(r.resolve("e.yaml")));

        // a new file gets its creation rule's keys
        Files.createDirectories(r.resolve("new"));
        Path write = script("write.sh", "#!/bin/sh\nprintf 'token: t0k\\n' > \"$1\"\n");
        ok(sops(r, Map.of("EDITOR", write.toString()), null, "edit", "new/n.yaml"));
        assertTrue(Files.readString(r.resolve("new/n.yaml")).contains(infra));
        assertEquals("token: t0k\n", plain(r.resolve("new/n.yaml"), infraKey));
        try (var s = Files.list(dir.resolve("run"))) {
            assertEquals(0, s.count());
        }
    }

    /** The plaintext as this project's library decrypts it with one age key file (no process: fast). */
    static String plain(Path file, Path keyFile) throws IOException {
        io.secretsd.sops.Format f = io.secretsd.sops.Format.fromFileName(file.toString());
        var keys = io.secretsd.sops.AgeKeySource.of(io.secretsd.sops.AgeIdentities.load(List.of(keyFile), List.of(), Map.of(), null, null)).withoutPgp();
        return new String(io.secretsd.sops.Sops.decrypt(file.toString(), Files.readAllBytes(file), f, f, keys, false), StandardCharsets.UTF_8);
    }

    static String plain(Path file) throws IOException {
        return plain(file, Vectors.sopsNix("age-keys.txt"));
    }

    static boolean opens(Path file, Path keyFile) {
        try {
            plain(file, keyFile);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void execEnvExecFileFilestatusAndGroups() throws Exception {
        Path r = repo("exec", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("x.yaml"), "foo: bar\nbar: |-\n  baz\n  bam\n");
        ok(sops(r, "-e", "-i", "x.yaml"));
        assertEquals("bar\nbaz\nbam\n", ok(sops(r, Map.of("KEPT", "k"), null, "exec-env", "x.yaml", "echo \"$foo\"; echo \"$bar\"")).out());
        Proc.Result pristine = sops(r, Map.of("KEPT", "k"), null, "exec-env", "--pristine", "x.yaml", "echo \"${KEPT:-none} $foo\"; exit 3");
        assertEquals(3, pristine.exit(), "the command's status");
        assertEquals("none bar\n", pristine.out());
        assertEquals("{\n\t\"foo\": \"bar\",\n\t\"bar\": \"baz\\nbam\"\n}\n",
                ok(sops(r, "exec-file", "--output-type", "json", "x.yaml", "cat {}")).out());
        String noFifo = ok(sops(r, "exec-file", "--no-fifo", "--filename", "foobar", "x.yaml", "echo {}; stat -c %a {}; test -p {} || echo file")).out();
        assertTrue(noFifo.startsWith(dir.resolve("run").toString()) && noFifo.contains("foobar\n600\nfile\n"), noFifo);
        assertTrue(ok(sops(r, "exec-file", "x.yaml", "test -p {} && echo fifo")).out().contains("fifo"));
        try (var s = Files.list(dir.resolve("run"))) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("secretsctl-")).count(), "nothing left behind");
        }
        assertEquals("{\"encrypted\":true}\n", ok(sops(r, "filestatus", "x.yaml")).out());
        Files.writeString(r.resolve("p.yaml"), "a: b\n");
        assertEquals("{\"encrypted\":false}\n", ok(sops(r, "filestatus", "p.yaml")).out());

        ok(sops(r, "groups", "add", "-i", "--file", "x.yaml", "--age", infra));
        String two = Files.readString(r.resolve("x.yaml"));
        assertTrue(two.contains("key_groups:") && two.contains("shamir_threshold: 2"), two);
        Map<String, String> both = Map.of("SOPS_AGE_KEY", Files.readString(infraKey));
        assertEquals("bar\n", ok(sops(r, both, null, "exec-env", "x.yaml", "echo \"$foo\"")).out());
        ok(sops(r, both, null, "groups", "delete", "-i", "--file", "x.yaml", "0"));
        assertEquals("foo: bar\nbar: |-\n    baz\n    bam\n", plain(r.resolve("x.yaml"), infraKey));
        assertFalse(opens(r.resolve("x.yaml"), Vectors.sopsNix("age-keys.txt")));
    }

    @Test
    void execAsAnotherUserAndInTheBackground() throws Exception {
        Path r = repo("exec-user", "creation_rules:\n  - age: " + workstation + "\n");
        Files.writeString(r.resolve("x.yaml"), "foo: bar\n");
        ok(sops(r, "-e", "-i", "x.yaml"));
        Path marker = dir.resolve("background-marker");
        long start = System.nanoTime();
        ok(sops(r, "exec-env", "--background", "x.yaml", "sleep 2; echo \"$foo\" > " + marker));
        assertFalse(Files.exists(marker), "returned before the command ended");
        long deadline = start + 60_000_000_000L;
        while (!Files.exists(marker) || Files.size(marker) == 0) {
            assertTrue(System.nanoTime() < deadline, "the background command never ran");
            Thread.sleep(50);
        }
        assertEquals("bar\n", Files.readString(marker));
        Path copied = dir.resolve("background-copy");
        ok(sops(r, "exec-file", "--background", "x.yaml", "cat {} > " + copied + "; sleep 1"));
        assertEquals("foo: bar\n", Files.readString(copied), "the FIFO was read before exec-file returned");
        assertEquals(2, sops(r, "exec-file", "--background", "--no-fifo", "x.yaml", "cat {}").exit());

        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "--user needs root");
        String env = ok(sops(r, "exec-env", "--user", "nobody", "--pristine", "x.yaml", "echo \"$(id -u) $(id -g) $USER $foo\"")).out();
        String nobody = Proc.run("id", "-u", "nobody").out().strip() + " " + Proc.run("id", "-g", "nobody").out().strip();
        assertEquals(nobody + " nobody bar\n", env);
        String file = ok(sops(r, "exec-file", "--user", "nobody", "x.yaml", "id -u; cat {}")).out();
        assertEquals(nobody.split(" ")[0] + "\nfoo: bar\n", file);
        String noFifo = ok(sops(r, "exec-file", "--user", "nobody", "--no-fifo", "x.yaml", "stat -c '%U %a' {}; cat {}")).out();
        assertEquals("nobody 600\nfoo: bar\n", noFifo);
        assertEquals(2, sops(r, "exec-env", "--user", "no-such-user-here", "x.yaml", "true").exit());
    }

    static Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        p.toFile().setExecutable(true);
        return p;
    }

    static String line(String file, String prefix) {
        return file.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in " + file));
    }

    /** Lines of {@code after} that are not at the same place in {@code before} (files of equal line count). */
    static List<String> changedLines(String before, String after) {
        String[] a = before.split("\n", -1), b = after.split("\n", -1);
        assertEquals(a.length, b.length, "line count");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) if (!a[i].equals(b[i])) out.add(b[i].strip());
        return out;
    }
}
