package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error in one form, {@code PROGRAM: FILE: what failed: why}, asserted by its exact text on the packaged
 * launchers: no Java class name, no path said twice, one line, key kinds named as users know them.
 */
class ErrorsIT {
    @TempDir
    static Path tmp;

    static Proc.Result ctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Proc.dist("secretsctl")));
        cmd.addAll(List.of(args));
        return Proc.run(null, Map.of(), cmd);
    }

    static Proc.Result sd(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Proc.dist("secretsd")));
        cmd.addAll(List.of(args));
        return Proc.run(null, env, cmd);
    }

    static void plain(Proc.Result r) {
        for (String bad : List.of("java.", "Exception", "Identity", "tried:", "\tat ")) {
            assertFalse(r.stderr().contains(bad), "\"" + bad + "\" in: " + r.stderr());
        }
    }

    static void exact(int exit, String stderr, Proc.Result r) {
        assertEquals(stderr, r.stderr());
        assertEquals(exit, r.exit(), r.toString());
    }

    @Test
    void missingFilesAndManifests() {
        exact(1, "secretsctl: /x/nokey: no such file\n", ctl("age", "decrypt", "-i", "/x/nokey", "/etc/hostname"));
        exact(1, "secretsd: /x/nope.json: cannot read the manifest: no such file\n", sd(Map.of(), "activate", "/x/nope.json"));
        exact(1, "secretsctl: /x/nope.json: cannot read the manifest: no such file\n", ctl("check", "/x/nope.json"));
    }

    @Test
    void misspeltOptionSuggestsTheRealOne() {
        exact(2, "secretsd run: unknown option '--manfest'; did you mean --manifest? (see 'secretsd run --help')\n",
                sd(Map.of(), "run", "--manfest", "x"));
        exact(2, "secretsctl decrypt: unknown option '--input-typ'; did you mean --input-type? (see 'secretsctl decrypt --help')\n",
                ctl("decrypt", "--input-typ", "yaml", "f.yaml"));
    }

    @Test
    void aHostKeyThatOpensNothingIsNamedAsUsersKnowIt() throws IOException {
        Path key = tmp.resolve("ssh_host_ed25519_key");
        Proc.Result kg = Proc.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString());
        assertEquals(0, kg.exit(), kg.toString());
        Path sops = Vectors.sopsNix("secrets.yaml");
        Path m = tmp.resolve("m.json");
        Files.writeString(m, """
                {"secrets":[{"name":"k","key":"test_key","sopsFile":"%s"}],"ageSshKeyPaths":["%s"],
                 "secretsMountPoint":"%s/secrets.d","symlinkPath":"%s/secrets","userMode":true}
                """.formatted(sops, key, tmp, tmp));
        Proc.Result r = sd(Map.of("XDG_RUNTIME_DIR", tmp.toString()), "activate", m.toString());
        assertEquals(1, r.exit(), r.toString());
        plain(r);
        List<String> lines = r.stderr().lines().filter(x -> !x.startsWith("secretsd: Imported ")).toList();
        assertEquals(1, lines.size(), r.stderr());
        String l = lines.getFirst();
        assertTrue(l.startsWith("secretsd: " + sops + ": failed to decrypt: cannot decrypt the data key: no master key opened it (tried age age1"), l);
        assertTrue(l.contains(": no identity matches (tried ssh-ed25519 host key " + key + ", age key age1"), l);
        assertTrue(l.contains(" (ssh-to-age of " + key + "))"), l);
        assertFalse(l.replaceFirst(java.util.regex.Pattern.quote(sops.toString()), "").contains(sops.toString()), "path said twice: " + l);

        Proc.Result check = ctl("decrypt", "--ssh-key", key.toString(), "--gnupg-home", tmp.resolve("no-gnupg").toString(), sops.toString());
        assertEquals(1, check.exit(), check.toString());
        plain(check);
        assertEquals(1, check.stderr().lines().count(), check.stderr());
        assertTrue(check.stderr().contains("no identity matches (tried ssh-ed25519 key " + key + ", age key age1"), check.stderr());
    }

    @Test
    void aNonRootActivationThatCannotMountSaysItNeedsRoot() throws IOException {
        Path m = tmp.resolve("root.json");
        Path mp = tmp.resolve("sys/secrets.d");
        Files.writeString(m, """
                {"secrets":[{"name":"k","key":"test_key","sopsFile":"%s"}],"ageKeyFile":"%s",
                 "secretsMountPoint":"%s","symlinkPath":"%s/sys/secrets"}
                """.formatted(Vectors.sopsNix("secrets.yaml"), Vectors.sopsNix("age-keys.txt"), mp, tmp));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rw-r--r--"));
        if (!Proc.run("id", "-u").out().strip().equals("0")) {
            exact(1, "secretsd: " + mp + ": cannot install the secrets: activation needs root (or \"userMode\": true in the manifest)\n",
                    sd(Map.of(), "activate", m.toString()));
            return;
        }
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Proc.Result r = Proc.run(null, Map.of(), List.of(Proc.require("setpriv"), "--reuid", "nobody", "--regid", "nogroup",
                "--clear-groups", "env", "HOME=" + home, "SECRETSD_JAVA_OPTS=-Djava.io.tmpdir=" + home, Proc.dist("secretsd"),
                "activate", m.toString()));
        exact(1, "secretsd: " + mp + ": cannot install the secrets: activation needs root (or \"userMode\": true in the manifest)\n", r);
    }

    @Test
    void checkMessagesCarryTheProgramName() throws IOException {
        Path m = tmp.resolve("bad.json");
        Files.writeString(m, "{\"secrets\":[{\"name\":\"x\",\"sopsFile\":\"/x/nope.yaml\",\"mode\":\"0999\"}]}");
        Proc.Result r = ctl("check", m.toString());
        assertEquals(1, r.exit(), r.toString());
        plain(r);
        r.stderr().lines().forEach(l -> assertTrue(l.startsWith("secretsctl: " + m + ": "), l));
    }
}
