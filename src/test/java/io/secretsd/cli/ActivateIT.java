package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `secretsd activate` as a process, as root, inside its own mount namespace (`unshare -m`) with a real
 * ramfs: what a NixOS host running the sops-nix module sees.
 */
class ActivateIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void rootAndUnshare() {
        Proc.require("unshare");
        assertEquals("0", Proc.run("id", "-u").out().strip(), "the activation tests run as root (CI does)");
    }

    static String manifest(Path root, String extraSecret) {
        String yaml = Vectors.sopsNix("secrets.yaml").toString();
        String ph = "<SOPS:92488e1e3eeecdf99f3ed2ce59233efb4b4fb612d5655c0ce9ea52b5a502e655:PLACEHOLDER>";
        return """
                {"ageKeyFile":"%1$s","ageSshKeyPaths":[],"gnupgHome":null,"keepGenerations":1,
                 "logging":{"keyImport":true,"secretChanges":true},
                 "placeholderBySecretName":{"test_key":"%2$s"},
                 "secrets":[
                  {"format":"yaml","gid":0,"group":"nogroup","key":"test_key","mode":"0400","name":"test_key","neededForUsers":false,
                   "owner":"nobody","path":"%3$s/secrets/test_key","reloadUnits":[],"restartUnits":[],"sopsFile":"%4$s","sopsFileHash":"","uid":0},
                  {"format":"yaml","gid":0,"group":null,"key":"nested/test/file","mode":"0700","name":"nested/file","neededForUsers":false,
                   "owner":null,"path":"%3$s/linked-file","reloadUnits":[],"restartUnits":["foo.service"],"sopsFile":"%4$s","sopsFileHash":"","uid":0}%5$s],
                 "secretsMountPoint":"%3$s/secrets.d","sshKeyPaths":[],"symlinkPath":"%3$s/secrets",
                 "templates":[{"content":"Test value: %2$s\\n","file":"","gid":0,"group":null,"mode":"0440","name":"test_default",
                   "owner":"nobody","path":"%3$s/secrets/rendered/test_default","reloadUnits":[],"restartUnits":[],"uid":0}],
                 "useTmpfs":false,"userMode":false}
                """.formatted(Vectors.sopsNix("age-keys.txt"), ph, root, yaml, extraSecret);
    }

    /** Runs a shell script in a private mount namespace; the ramfs lives only as long as the script. */
    static Proc.Result inNamespace(String script) {
        String secretsd = Proc.dist("secretsd");
        return Proc.run(null, Map.of("SECRETSD", secretsd, "SOPS_RESTART_UNITS_VIA_SYSTEMCTL", "0"),
                List.of("unshare", "-m", "--propagation", "private", "sh", "-ec", script));
    }

    @Test
    void installsTheVectorsOnARamfsWithOwnersModesLinksAndTemplate() throws IOException {
        Path root = dir.resolve("host1");
        Files.createDirectories(root);
        Path m = root.resolve("manifest.json");
        Files.writeString(m, manifest(root, ""));
        Proc.Result r = inNamespace("""
                "$SECRETSD" activate %1$s
                findmnt -n -o FSTYPE,OPTIONS %2$s/secrets.d
                stat -c '%%a %%U %%G %%s' %2$s/secrets/test_key %2$s/secrets/nested/file %2$s/secrets/rendered/test_default
                stat -c '%%a' %2$s/secrets.d
                readlink %2$s/secrets
                readlink %2$s/linked-file
                cat %2$s/secrets/rendered/test_default
                "$SECRETSD" activate %1$s
                readlink %2$s/secrets
                """.formatted(m, root));
        assertEquals(0, r.exit(), r.toString() + r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("ramfs") && lines.get(0).contains("nodev") && lines.get(0).contains("nosuid")
                && lines.get(0).contains("noexec"), lines.get(0));
        assertEquals("400 nobody nogroup 10", lines.get(1)); // "test_value"
        assertEquals("700 root root 13", lines.get(2)); // "another value"
        assertTrue(lines.get(3).startsWith("440 nobody "), lines.get(3));
        assertEquals("751", lines.get(4));
        assertEquals(root + "/secrets.d/1", lines.get(5));
        assertEquals(root + "/secrets/nested/file", lines.get(6));
        assertEquals("Test value: test_value", lines.get(7));
        assertEquals(root + "/secrets.d/2", lines.get(8));
        assertFalse(r.out().contains("another value") || r.stderr().contains("test_value"), "a secret value was printed");
    }

    @Test
    void aBrokenSecretFailsAloneAndNamesItsCause() throws IOException {
        Path root = dir.resolve("host2");
        Files.createDirectories(root);
        Path m = root.resolve("manifest.json");
        Files.writeString(m, manifest(root, """
                ,{"format":"yaml","gid":0,"group":null,"key":"no/such/key","mode":"0400","name":"missing","neededForUsers":false,
                  "owner":null,"path":"%1$s/secrets/missing","reloadUnits":[],"restartUnits":[],"sopsFile":"%2$s","sopsFileHash":"","uid":0}
                """.formatted(root, Vectors.sopsNix("secrets.yaml"))));
        Proc.Result r = inNamespace("""
                set +e
                "$SECRETSD" activate %1$s; echo "exit=$?"
                cat %2$s/secrets/test_key; echo
                test -e %2$s/secrets/missing && echo present || echo absent
                """.formatted(m, root));
        assertTrue(r.out().contains("exit=1"), r.out() + r.stderr());
        assertTrue(r.out().contains("test_value"), r.out());
        assertTrue(r.out().contains("absent"), r.out());
        assertTrue(r.stderr().contains("missing") && r.stderr().contains("secrets.yaml") && r.stderr().contains("'no'"), r.stderr());
    }

    @Test
    void aMalformedManifestIsExitOneWithThePathOfTheField() throws IOException {
        Path m = dir.resolve("bad.json");
        Files.writeString(m, manifest(dir.resolve("host3"), "").replace("\"mode\":\"0700\"", "\"mode\":\"0999\""));
        Proc.Result r = Proc.run(Proc.dist("secretsd"), "activate", m.toString());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("secrets[1].mode"), r.stderr());
        Proc.Result usage = Proc.run(Proc.dist("secretsd"), "activate");
        assertEquals(2, usage.exit());
    }

    @Test
    void checkReportsWithoutDecrypting() throws IOException {
        Path root = dir.resolve("host4");
        Path m = dir.resolve("check.json");
        Files.writeString(m, manifest(root, "").replace("\"key\":\"test_key\"", "\"key\":\"not_there\""));
        Proc.Result r = Proc.run(Proc.dist("secretsctl"), "check", m.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue((r.out() + r.stderr()).contains("not_there"), r.out() + r.stderr());
        assertFalse(Files.exists(root.resolve("secrets.d")));
    }
}
