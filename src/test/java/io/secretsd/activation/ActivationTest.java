package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.Manifest;
import io.secretsd.platform.Platform;
import io.secretsd.testing.MacStandIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activation on a plain directory (no mount): the file-level behaviour. Runs as root (owners, chown). */
class ActivationTest {
    @TempDir
    Path tmp;
    Host host;

    @BeforeEach
    void setUp() throws IOException {
        host = new Host(tmp);
        host.fillSources();
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static long inode(Path p) throws IOException {
        return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    int nobody() {
        return new SystemUserDb().uid("nobody").orElseThrow();
    }

    int nogroup() {
        return new SystemUserDb().gid("nogroup").orElseThrow();
    }

    @Test
    void installsTheSopsNixTestSecrets() throws Exception {
        ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "");
        assertEquals(List.of(), r.errors());
        assertEquals(0, r.exitStatus());
        assertEquals(1, r.generation());
        assertEquals(host.mp.resolve("1"), Files.readSymbolicLink(host.link));

        Path test = tmp.resolve("test-link");
        assertTrue(Files.isSymbolicLink(test));
        assertEquals(host.link.resolve("test"), Files.readSymbolicLink(test));
        Path real = host.mp.resolve("1/test");
        assertTrue(Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS));
        assertEquals("test_value", Files.readString(test));
        assertEquals(0400, mode(real));
        assertEquals(nobody(), uid(real));
        assertEquals(nogroup(), gid(real));
        assertEquals(nobody(), uid(test), "the link is owned like the secret");

        Path json = host.mp.resolve("1/test2");
        assertEquals(0700, mode(json));
        assertEquals(0, uid(json));
        assertEquals(0, gid(json));
        assertEquals(13, Files.size(host.link.resolve("test3")));
        assertEquals("another value", host.read("nested/test/file"));
        assertEquals(0751, mode(host.mp.resolve("1/nested")));
        assertEquals(0751, mode(host.mp.resolve("1")));
        assertEquals(host.mp.resolve("1/existing-file"), tmp.resolve("existing-file").toRealPath());

        assertEquals("Test value: test_value\n", host.read("rendered/test_default"));
        assertEquals("Test value: test_value\n", Files.readString(tmp.resolve("etc/externally/linked")));
        assertEquals(0400, mode(host.mp.resolve("1/rendered/test_default")));

        // each sops file decrypted once although secrets.yaml holds three secrets
        host.source.decrypts.forEach((f, n) -> assertEquals(1, n.get(), f));
        // first boot: no change lines and no units (sops-install-secrets does the same)
        assertEquals(List.of(), r.changeLines());
        assertFalse(Files.exists(host.nixos.resolve("activation-restart-list")));
    }

    @Test
    void placeholderIsTheSopsNixOne() {
        assertEquals("<SOPS:92488e1e3eeecdf99f3ed2ce59233efb4b4fb612d5655c0ce9ea52b5a502e655:PLACEHOLDER>",
                Placeholders.of("test_key"));
        assertEquals("<SOPS:627294fcdaa17694424d563759ba3707b84399b866342ed9c8b0d1b8c0e8fa42:PLACEHOLDER>",
                Placeholders.of("nested/test/file"));
    }

    @Test
    void modesAreExactWhateverTheUmask() throws Exception {
        String secrets = """
                {"name":"a","key":"test_key","sopsFile":"ROOT/secrets.yaml","mode":"0777"},
                {"name":"b","key":"test_key","sopsFile":"ROOT/secrets.yaml","mode":"0666"},
                {"name":"c","key":"test_key","sopsFile":"ROOT/secrets.yaml","mode":"4750"},
                {"name":"d","key":"test_key","sopsFile":"ROOT/secrets.yaml","mode":"0"}""";
        ActivationResult r = host.run(secrets, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(0777, mode(host.mp.resolve("1/a")));
        assertEquals(0666, mode(host.mp.resolve("1/b")));
        assertEquals(04750, mode(host.mp.resolve("1/c")));
        assertEquals(0, mode(host.mp.resolve("1/d")));
    }

    @Test
    void secondRunIsGenerationTwoWithChangeLinesAndUnits() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "");
        long inodeBefore = inode(host.mp.resolve("1/test2"));
        host.source.put(tmp + "/secrets.yaml", "test_key", "new value");
        String secrets = Host.FIVE.replace("""
                {"name":"test5","key":"","sopsFile":"ROOT/secrets.ini","format":"ini"},""", """
                {"name":"brand-new","key":"test_key","sopsFile":"ROOT/secrets.json","format":"json",
                 "reloadUnits":["b.service"]},""");
        ActivationResult r = host.run(secrets, Host.TEMPLATE, "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(2, r.generation());
        assertEquals(host.mp.resolve("2"), Files.readSymbolicLink(host.link));
        assertEquals(List.of(
                "adding secret: brand-new",
                "modifying secrets: existing-file, test",
                "removing secret: test5",
                "modifying rendered secret: test_default"), r.changeLines());
        assertEquals("a.service\nt.service\n", Files.readString(host.nixos.resolve("activation-restart-list")));
        assertEquals("b.service\nr.service\n", Files.readString(host.nixos.resolve("activation-reload-list")));
        // unchanged files are not rewritten: the same inode is linked into the new generation
        assertEquals(inodeBefore, inode(host.mp.resolve("2/test2")));
        assertEquals(0700, mode(host.mp.resolve("2/test2")));
        // keepGenerations defaults to 1: generation 1 is pruned
        assertFalse(Files.exists(host.mp.resolve("1")));
        assertEquals("new value", Files.readString(tmp.resolve("test-link")));
    }

    @Test
    void unitsViaSystemctl() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "");
        host.source.put(tmp + "/secrets.yaml", "test_key", "other");
        host.options = host.options.withRestartViaSystemctl(true);
        ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(List.of("systemctl --no-block try-restart -- a.service t.service",
                "systemctl --no-block try-reload-or-restart -- r.service"), host.systemctl);
        assertFalse(Files.exists(host.nixos.resolve("activation-restart-list")));
    }

    @Test
    void secretChangesLoggingOff() throws Exception {
        host.run(Host.FIVE, "", "");
        host.source.put(tmp + "/secrets.yaml", "test_key", "other");
        ActivationResult r = host.run(Host.FIVE, "", "\"logging\":{\"keyImport\":true,\"secretChanges\":false}");
        assertEquals(List.of(), r.changeLines());
        assertTrue(Files.exists(host.nixos.resolve("activation-restart-list")));
    }

    @Test
    void pruningAtGeneration101KeepsTen() throws Exception {
        Files.createDirectories(host.mp);
        for (int i = 1; i <= 100; i++) {
            Files.createDirectory(host.mp.resolve(Integer.toString(i)));
        }
        Files.createDirectory(host.mp.resolve("not-a-number"));
        Files.createSymbolicLink(host.link, host.mp.resolve("100"));
        ActivationResult r = host.run(Host.FIVE, "", "\"keepGenerations\":10");
        assertEquals(101, r.generation(), r.errors().toString());
        for (int i = 1; i <= 91; i++) {
            assertFalse(Files.exists(host.mp.resolve(Integer.toString(i))), "generation " + i);
        }
        for (int i = 92; i <= 101; i++) {
            assertTrue(Files.isDirectory(host.mp.resolve(Integer.toString(i))), "generation " + i);
        }
        assertTrue(Files.exists(host.mp.resolve("not-a-number")));
    }

    @Test
    void keepGenerationsZeroNeverPrunes() throws Exception {
        for (int i = 0; i < 3; i++) {
            host.run(Host.FIVE, "", "\"keepGenerations\":0");
        }
        assertTrue(Files.isDirectory(host.mp.resolve("1")));
        assertEquals(Optional.of(3), host.currentGeneration());
    }

    @Test
    void eachSecretInTurnUndecryptableKeepsItsPreviousContent() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "");
        List<String> files = List.of("secrets.yaml", "secrets.json", "secrets.bin", "secrets.env", "secrets.ini");
        for (String f : files) {
            host.source.undecryptable.clear();
            host.source.undecryptable.add(tmp + "/" + f);
            int before = host.currentGeneration().orElseThrow();
            ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
            assertEquals(1, r.exitStatus(), f);
            assertEquals(before + 1, r.generation(), f);
            assertTrue(r.errors().stream().anyMatch(e -> e.contains(tmp + "/" + f + ": failed to decrypt: ")
                    && e.contains("no key could decrypt")), r.errors().toString());
            // everything still there with its content, the failed ones carried over
            assertEquals("test_value", host.read("test"));
            assertEquals("test_value", host.read("test2"));
            assertEquals("binary_value\n", host.read("test3"));
            assertEquals("Test value: test_value\n", host.read("rendered/test_default"));
            assertTrue(r.outcomes().stream().anyMatch(o -> o.status() == Outcome.Status.KEPT_PREVIOUS));
            assertEquals(0400, mode(host.link.resolve("test").toRealPath()));
        }
    }

    @Test
    void withoutPreviousContentAFailedSecretIsAbsentNotEmpty() throws Exception {
        host.source.undecryptable.add(tmp + "/secrets.json");
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(1, r.exitStatus());
        assertEquals(1, r.generation());
        assertFalse(Files.exists(host.mp.resolve("1/test2"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("test_value", host.read("test"));
        Outcome o = r.outcomes().stream().filter(x -> x.name().equals("test2")).findFirst().orElseThrow();
        assertEquals(Outcome.Status.ABSENT, o.status());
    }

    @Test
    void templateOfAFailedSecretFailsToo() throws Exception {
        host.source.undecryptable.add(tmp + "/secrets.yaml");
        ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "");
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("template test_default uses the placeholder of "
                + "secret test,")), r.errors().toString());
        assertFalse(Files.exists(host.mp.resolve("1/rendered/test_default")));
    }

    @Test
    void unknownUserFailsOnlyItsSecret() throws Exception {
        String secrets = Host.FIVE.replace("\"owner\":\"root\"", "\"owner\":\"no-such-user-xyz\"");
        ActivationResult r = host.run(secrets, "", "");
        assertEquals(1, r.exitStatus());
        assertTrue(r.errors().contains("failed to lookup user 'no-such-user-xyz' for test2"), r.errors().toString());
        assertEquals("test_value", host.read("test"));
        assertFalse(Files.exists(host.mp.resolve("1/test2")));
    }

    @Test
    void missingKeyFileIsReportedAndTheRestGoesOn() throws Exception {
        Path key = tmp.resolve("age-keys.txt");
        Files.writeString(key, "AGE-SECRET-KEY-1...");
        ActivationResult r = host.run(Host.FIVE, "", "\"ageKeyFile\":\"" + key + "\",\"ageSshKeyPaths\":[\""
                + tmp + "/missing-ssh-key\"]");
        assertEquals(1, r.exitStatus());
        assertTrue(r.errors().contains(tmp + "/missing-ssh-key: cannot use the key: no such file"),
                r.errors().toString());
        assertEquals(List.of(), host.source.lastKeys.ageSshKeyPaths());
        assertEquals(Optional.of(key), host.source.lastKeys.ageKeyFile());
        assertEquals(List.of("Imported " + key + " as age key with fingerprint age1fake"), r.notices());
        assertEquals("test_value", host.read("test"));
    }

    @Test
    void aSymlinkPlantedAtAPathIsReplacedNotFollowed() throws Exception {
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(tmp.resolve("test-link"), victim);
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals("precious", Files.readString(victim));
        assertEquals(host.link.resolve("test"), Files.readSymbolicLink(tmp.resolve("test-link")));
    }

    @Test
    void aSymlinkPlantedInTheMountPointIsNotFollowed() throws Exception {
        host.run(Host.FIVE, "", "");
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(host.mp.resolve("2"), elsewhere);
        Files.createSymbolicLink(host.mp.resolve(".gen-2"), elsewhere);
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(2, r.generation());
        assertTrue(Files.isDirectory(host.mp.resolve("2"), LinkOption.NOFOLLOW_LINKS));
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aSymlinkedMountPointIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(host.mp, elsewhere);
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(1, r.exitStatus());
        assertTrue(r.errors().getFirst().contains("is a symbolic link"), r.errors().toString());
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void staleLinksAreRemovedOthersLeftAlone() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "");
        assertTrue(Files.isSymbolicLink(tmp.resolve("existing-file")));
        String secrets = Host.FIVE.replace(",\"path\":\"ROOT/existing-file\"", "")
                .replace("\"path\":\"ROOT/test-link\"", "\"path\":\"ROOT/moved-link\"");
        // someone replaced the template link with a file of their own: it is not ours to remove
        Files.delete(tmp.resolve("etc/externally/linked"));
        Files.writeString(tmp.resolve("etc/externally/linked"), "mine");
        ActivationResult r = host.run(secrets, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertFalse(Files.exists(tmp.resolve("existing-file"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(tmp.resolve("test-link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("test_value", Files.readString(tmp.resolve("moved-link")));
        assertEquals("mine", Files.readString(tmp.resolve("etc/externally/linked")));
    }

    /** A first activation's dry run shows everything it would add (sops-install-secrets prints nothing then). */
    @Test
    void dryRunOnAFirstActivationPrintsTheWholePlan() throws Exception {
        host.options = host.options.withDryRun(true);
        Files.writeString(tmp.resolve("existing-file"), "a user's own file");
        ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        List<String> l = r.changeLines();
        assertEquals("would add secrets: existing-file, nested/test/file, test, test2, test3, test4, test5", l.get(0));
        assertEquals("would add rendered secret: test_default", l.get(1));
        assertEquals("would write generation 1 to " + host.mp.resolve("1") + " (on a ramfs at " + host.mp + ") and point "
                + host.link + " at it", l.get(2));
        assertTrue(l.contains("would add template test_default: " + host.link.resolve("rendered/test_default")
                + " (mode 0400, owner 0, group 0)"), l.toString());
        assertTrue(l.contains(tmp.resolve("existing-file") + ": would replace this regular file with a link to "
                + host.link.resolve("existing-file") + " (secret existing-file); its former content is not kept"), l.toString());
        assertEquals(7 + 1 + 2 + 1 + 3 + 1, l.size(), l.toString());
        assertEquals("a user's own file", Files.readString(tmp.resolve("existing-file")));
        assertFalse(Files.exists(host.mp.resolve("1")));
    }

    /** As sops-install-secrets, a regular file at a secret's path is replaced by the link, but with a warning. */
    @Test
    void aRegularFileAtASecretsPathIsReplacedWithAWarning() throws Exception {
        Files.writeString(tmp.resolve("existing-file"), "a user's own file");
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(List.of(tmp.resolve("existing-file") + ": replacing this regular file with a link to "
                + host.link.resolve("existing-file") + " (secret existing-file); its former content is not kept"),
                r.notices().stream().filter(n -> n.contains("regular file")).toList());
        assertEquals("test_value", Files.readString(tmp.resolve("existing-file")));
        assertTrue(Files.isSymbolicLink(tmp.resolve("existing-file")));
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        host.run(Host.FIVE, "", "");
        host.source.put(tmp + "/secrets.yaml", "test_key", "other");
        host.options = host.options.withDryRun(true);
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals("would modify secrets: existing-file, test", r.changeLines().getFirst());
        assertTrue(r.changeLines().contains("would modify secret test: " + host.link.resolve("test")
                + " (mode 0400, owner nobody, group nogroup)"), r.changeLines().toString());
        assertTrue(r.changeLines().contains("would keep unchanged secret test3: " + host.link.resolve("test3")
                + " (mode 0400, owner 0, group 0)"), r.changeLines().toString());
        assertTrue(r.changeLines().contains("would link " + tmp.resolve("test-link") + " -> " + host.link.resolve("test")),
                r.changeLines().toString());
        assertEquals(Optional.of(1), host.currentGeneration());
        assertFalse(Files.exists(host.mp.resolve("2")));
        assertEquals("a.service\n", Files.readString(host.nixos.resolve("dry-activation-restart-list")));
        assertEquals("test_value", host.read("test"));
    }

    @Test
    void placeholderFollowsTheAttributeNameNotTheFileName() throws Exception {
        String secrets = """
                {"name":"renamed/file","attributeName":"test","key":"test_key","sopsFile":"ROOT/secrets.yaml"},
                {"name":"test","attributeName":"other","key":"nested/test/file","sopsFile":"ROOT/secrets.yaml"}""";
        ActivationResult r = host.run(secrets, Host.TEMPLATE, "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals("Test value: test_value\n", host.read("rendered/test_default"));
    }

    @Test
    void templateFromFile() throws Exception {
        Path t = tmp.resolve("template.txt");
        Files.writeString(t, "user=admin\npassword=" + Host.PH + "\n" + Host.PH);
        String template = "{\"name\":\"cfg\",\"file\":\"" + t + "\",\"mode\":\"0440\",\"group\":\"nogroup\"}";
        ActivationResult r = host.run(Host.FIVE, template, "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals("user=admin\npassword=test_value\ntest_value", host.read("rendered/cfg"));
        assertEquals(0440, mode(host.mp.resolve("1/rendered/cfg")));
        assertEquals(nogroup(), gid(host.mp.resolve("1/rendered/cfg")));
    }

    @Test
    void ignorePasswdOwnsEverythingByRoot() throws Exception {
        host.options = host.options.withIgnorePasswd(true);
        ActivationResult r = host.run(Host.FIVE, "", "");
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(0, uid(host.mp.resolve("1/test")));
        assertEquals(0, gid(host.mp.resolve("1/test")));
        assertEquals(0, gid(host.mp.resolve("1")));
    }

    @Test
    void userModeExpandsTheRuntimeDir() throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run-user"));
        host.options = host.options.withRuntimeDir(Optional.of(run.toString()));
        String json = host.json("""
                {"name":"k","key":"test_key","sopsFile":"ROOT/secrets.yaml","path":"%r/k-link"}""", "",
                "\"userMode\":true").replace(tmp + "/secrets.d", "%r/secrets.d");
        Manifest m = io.secretsd.manifest.ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "hm");
        ActivationResult r = host.run(m);
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals(run.resolve("secrets.d/1"), Files.readSymbolicLink(host.link));
        assertEquals("test_value", Files.readString(run.resolve("k-link")));

        host.options = host.options.withRuntimeDir(Optional.empty());
        assertEquals(List.of("cannot figure out runtime directory: $XDG_RUNTIME_DIR is not set"),
                host.run(m).errors());
    }

    @Test
    void macOsUserModeInstallsIntoTheDarwinUserTempDirOnARamDisk() throws Exception {
        Path userTemp = Files.createDirectory(tmp.resolve("T"));
        MacStandIns mac = new MacStandIns(tmp, userTemp);
        Options mine = Options.fromEnvironment(Platform.MACOS, Map.of("PATH", mac.path(), "XDG_RUNTIME_DIR", "/nope"));
        host.options = mine.withNixosRunDir(host.nixos).withCommands(host.options.commands());
        String json = host.json("""
                {"name":"k","key":"test_key","sopsFile":"ROOT/secrets.yaml","path":"%r/k-link"}""", "",
                "\"userMode\":true").replace(tmp + "/secrets.d", "%r/secrets.d");
        Manifest m = io.secretsd.manifest.ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "hm");
        ActivationResult r = host.run(m);
        assertEquals(0, r.exitStatus(), r.errors().toString());
        assertEquals("test_value", Files.readString(userTemp.resolve("k-link")));
        assertEquals(userTemp.resolve("secrets.d/1"), Files.readSymbolicLink(host.link));
        assertTrue(Files.exists(userTemp.resolve("secrets.d/sops-nix-secretfs")));
        assertEquals(List.of("getconf DARWIN_USER_TEMP_DIR", "hdiutil attach -nomount ram://131072",
                "newfs_hfs -s /dev/disk4",
                "mount -t hfs -o nobrowse,nodev,nosuid,-m=0751 /dev/disk4 " + userTemp.resolve("secrets.d")),
                mac.calls());

        mac.fail("getconf", null, 1, "getconf: no such configuration parameter");
        assertEquals(List.of("cannot figure out runtime directory: cannot get DARWIN_USER_TEMP_DIR: getconf exited "
                + "with 1: getconf: no such configuration parameter"), host.run(m).errors());
    }

    @Test
    void checkModes() throws Exception {
        Manifest good = host.manifest(Host.FIVE, Host.TEMPLATE, "");
        assertEquals(0, host.check(good, CheckMode.MANIFEST).exitStatus());
        assertEquals(0, host.check(good, CheckMode.SOPSFILE).exitStatus());
        Manifest bad = host.manifest(Host.FIVE.replace("\"key\":\"nested/test/file\"", "\"key\":\"nope/x\""), "",
                "");
        ActivationResult r = host.check(bad, CheckMode.SOPSFILE);
        assertEquals(List.of("the key 'nope/x' cannot be found in " + tmp + "/secrets.yaml"), r.errors());
        assertEquals(0, host.check(bad, CheckMode.MANIFEST).exitStatus());
        assertFalse(Files.exists(host.mp), "check modes write nothing");
        assertEquals(0, host.source.decrypts.size(), "check modes decrypt nothing");
    }

    @Test
    void crashBetweenAnyTwoStepsLeavesAUsableGeneration() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
        for (Step step : Step.values()) {
            host.source.put(tmp + "/secrets.yaml", "test_key", "value-" + step);
            Options normal = host.options;
            host.options = normal.withHook(s -> {
                if (s == step) {
                    throw new IllegalStateException("crash after " + s);
                }
            });
            try {
                host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
            } catch (IllegalStateException expected) {
                // the process "died" here
            }
            host.options = normal;
            String now = host.read("test");
            boolean switched = step.compareTo(Step.SWITCHED) >= 0;
            if (!switched) {
                assertTrue(now.startsWith("test_value") || now.startsWith("value-"), step + ": " + now);
                assertEquals("test_value", host.read("test2"), step.toString());
            } else {
                assertEquals("value-" + step, now, step.toString());
            }
            ActivationResult r = host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
            assertEquals(0, r.exitStatus(), step + ": " + r.errors());
            assertEquals("value-" + step, host.read("test"));
            assertEquals("value-" + step, Files.readString(tmp.resolve("test-link")));
            try (var s = Files.list(host.mp)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".gen-")), step.toString());
            }
        }
    }

    @Test
    void partialFailureNeverTouchesThePreviousGeneration() throws Exception {
        host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
        Map<String, String> before = snapshot(host.mp.resolve("1"));
        host.source.undecryptable.add(tmp + "/secrets.yaml");
        host.source.put(tmp + "/secrets.json", "test_key", "changed");
        host.run(Host.FIVE, Host.TEMPLATE, "\"keepGenerations\":0");
        assertEquals(before, snapshot(host.mp.resolve("1")));
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String v = Files.isRegularFile(p) ? Files.readString(p) + "|" + mode(p) + "|" + uid(p) : "dir";
                out.put(dir.relativize(p).toString(), v);
            }
        }
        return out;
    }
}
