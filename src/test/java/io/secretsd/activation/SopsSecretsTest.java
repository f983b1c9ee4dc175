package io.secretsd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.secretsd.manifest.CheckMode;
import io.secretsd.manifest.Format;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.ManifestReader;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sops adapter and activation on sops-install-secrets' own test assets: testGPG (a GnuPG home holding
 * key.asc, five files), testSSHKey (RSA host key → OpenPGP), TestAge, TestAgeWithSSH, TestValidateManifest.
 */
class SopsSecretsTest {
    @TempDir
    Path tmp;
    static Path gnupg;

    @BeforeAll
    static void gnupgHomeWithKeyAsc() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/gpg"))) {
            fail("gpg is needed (apt-get install -y gnupg)");
        }
        gnupg = Files.createTempDirectory("activation-gpg");
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        Process p = new ProcessBuilder("gpg", "--homedir", gnupg.toString(), "--batch", "--quiet", "--import",
                Vectors.sopsNix("key.asc").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("gpg --import failed: " + out);
        }
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (gnupg == null) {
            return;
        }
        new ProcessBuilder("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent").start()
                .waitFor(10, TimeUnit.SECONDS);
        try (var w = Files.walk(gnupg)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static final class Log implements KeyReport {
        final List<String> imported = new ArrayList<>();
        final List<String> failed = new ArrayList<>();

        @Override
        public void imported(Path keyFile, String kind, String fingerprint) {
            imported.add(keyFile.getFileName() + " " + kind + " " + fingerprint);
        }

        @Override
        public void failed(Path keyFile, String cause) {
            failed.add(keyFile.getFileName() + ": " + cause);
        }
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static int attr(Path p, String name) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void ageKeyFile() throws Exception {
        SecretSource s = new SopsSecrets(Map.of()).open(new KeyInputs(Optional.of(Vectors.sopsNix("age-keys.txt")),
                List.of(), List.of(), Optional.empty()), new Log());
        try (DecryptedFile f = s.decrypt(Vectors.sopsNix("secrets.yaml"), Format.YAML)) {
            assertEquals("test_value", str(f.value("test_key")));
            assertEquals("another value", str(f.value("nested/test/file")));
            assertTrue(str(f.value("")).startsWith("test_key: test_value\n"), str(f.value("")).substring(0, 10));
            assertEquals(SourceException.Reason.WRONG_TYPE,
                    assertThrows(SourceException.class, () -> f.value("a_list")).reason());
            assertEquals(SourceException.Reason.KEY_NOT_FOUND,
                    assertThrows(SourceException.class, () -> f.value("nested/nope")).reason());
        }
    }

    @Test
    void ed25519HostKeyConvertedInMemory() throws Exception {
        Log log = new Log();
        SecretSource s = new SopsSecrets(Map.of()).open(new KeyInputs(Optional.empty(),
                List.of(Vectors.sopsNix("ssh-ed25519-key")), List.of(), Optional.empty()), log);
        assertEquals(2, log.imported.size(), log.imported.toString());
        assertTrue(log.imported.getFirst().startsWith("ssh-ed25519-key ssh-ed25519 SHA256:"), log.imported.toString());
        assertEquals("ssh-ed25519-key age age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs",
                log.imported.get(1));
        try (DecryptedFile f = s.decrypt(Vectors.sopsNix("secrets.yaml"), Format.YAML)) {
            assertEquals("test_value", str(f.value("test_key")));
        }
    }

    @Test
    void rsaHostKeyConvertedToOpenPgpInMemory() throws Exception {
        Log log = new Log();
        SecretSource s = new SopsSecrets(Map.of()).open(new KeyInputs(Optional.empty(), List.of(),
                List.of(Vectors.sopsNix("ssh-key")), Optional.empty()), log);
        assertEquals("ssh-key GPG 2504791468b153b8a3963cc97ba53d1919c5dfd4", log.imported.getLast(), log.imported.toString());
        try (DecryptedFile f = s.decrypt(Vectors.sopsNix("secrets.yaml"), Format.YAML)) {
            assertEquals("test_value", str(f.value("test_key")));
        }
        try (DecryptedFile f = s.decrypt(Vectors.sopsNix("secrets.env"), Format.DOTENV)) {
            assertTrue(str(f.value("")).contains("example_key=example_value\n"));
        }
    }

    /**
     * A file encrypted straight to a host key's {@code ssh-ed25519}/{@code ssh-rsa} line opens with that key
     * from either manifest list, as does a file encrypted to its ssh-to-age form (ed25519).
     */
    @Test
    void hostKeysServeAgeStanzasDirectlyAndConverted() throws Exception {
        Path plain = tmp.resolve("plain.yaml");
        Files.writeString(plain, "k: v\n");
        Path edKey = Vectors.sopsNix("ssh-ed25519-key");
        Path rsaKey = Vectors.sopsNix("ssh-key");
        String edLine = Files.readString(Vectors.sopsNix("ssh-ed25519-key.pub")).strip();
        String rsaLine = Files.readString(Vectors.sopsNix("ssh-key.pub")).strip();
        String converted = io.secretsd.ssh.SshToAge.publicKeyToAge(edLine);
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        for (String r : List.of(edLine, rsaLine, converted)) {
            Path f = tmp.resolve("to-" + r.substring(0, 7) + ".yaml");
            Files.write(f, io.secretsd.sops.Sops.encryptFile(plain, io.secretsd.sops.Format.YAML,
                    io.secretsd.sops.Format.YAML, io.secretsd.sops.EncryptOptions.to(
                            List.of(io.secretsd.sops.AgeKeyWrapper.of(r)))));
            files.put(r, f);
        }
        record Case(List<Path> ageSsh, List<Path> ssh, List<String> opens) {}
        List<Case> cases = List.of(
                new Case(List.of(edKey), List.of(), List.of(edLine, converted)),
                new Case(List.of(), List.of(edKey), List.of(edLine, converted)),
                new Case(List.of(rsaKey), List.of(), List.of(rsaLine)),
                new Case(List.of(), List.of(rsaKey), List.of(rsaLine)));
        for (Case c : cases) {
            Log log = new Log();
            SecretSource s = new SopsSecrets(Map.of()).open(new KeyInputs(Optional.empty(), c.ageSsh(), c.ssh(),
                    Optional.empty()), log);
            assertEquals(List.of(), log.failed, c.toString());
            for (var e : files.entrySet()) {
                if (c.opens().contains(e.getKey())) {
                    try (DecryptedFile f = s.decrypt(e.getValue(), Format.YAML)) {
                        assertEquals("v", str(f.value("k")), c + " " + e.getKey());
                    }
                } else {
                    assertEquals(SourceException.Reason.NO_MATCHING_KEY, assertThrows(SourceException.class,
                            () -> s.decrypt(e.getValue(), Format.YAML)).reason(), c + " " + e.getKey());
                }
            }
        }
    }

    @Test
    void noKeysIsNoMatchingKey() {
        SecretSource s = new SopsSecrets(Map.of()).open(KeyInputs.NONE, new Log());
        SourceException e = assertThrows(SourceException.class,
                () -> s.decrypt(Vectors.sopsNix("secrets.yaml"), Format.YAML));
        assertEquals(SourceException.Reason.NO_MATCHING_KEY, e.reason());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void sopsfileCheckWithoutAnyKey() throws Exception {
        SecretSource s = new SopsSecrets(Map.of()).open(KeyInputs.NONE, new Log());
        assertEquals(List.of(), s.missingKeys(Vectors.sopsNix("secrets.yaml"), Format.YAML,
                List.of("test_key", "nested/test/file")));
        assertEquals(1, s.missingKeys(Vectors.sopsNix("secrets.yaml"), Format.YAML, List.of("nested/x")).size());
        assertEquals(List.of(), s.missingKeys(Vectors.sopsNix("secrets.json"), Format.JSON, List.of("test_key")));
        assertEquals(SourceException.Reason.MALFORMED, assertThrows(SourceException.class,
                () -> s.missingKeys(Vectors.sopsNix("secrets.yaml"), Format.JSON, List.of("x"))).reason());
    }

    /** sops-install-secrets' testGPG: five secrets from five files, a GnuPG home holding key.asc. */
    @Test
    void testGpgFiveFiles() throws Exception {
        String v = Vectors.sopsNix("secrets.yaml").getParent().toString();
        String json = """
                {"secrets":[
                  {"name":"test","key":"test_key","sopsFile":"V/secrets.yaml","format":"yaml","owner":"nobody",
                   "group":"nogroup","mode":"0400","path":"T/test-target"},
                  {"name":"test2","key":"test_key","sopsFile":"V/secrets.json","format":"json","owner":"root",
                   "group":"root","mode":"0700"},
                  {"name":"test3","key":"","sopsFile":"V/secrets.bin","format":"binary"},
                  {"name":"test4","key":"","sopsFile":"V/secrets.env","format":"dotenv"},
                  {"name":"test5","key":"","sopsFile":"V/secrets.ini","format":"ini"}],
                 "gnupgHome":"G","secretsMountPoint":"T/secrets.d","symlinkPath":"T/secrets"}"""
                .replace("V", v).replace("T", tmp.toString()).replace("G", gnupg.toString());
        Manifest m = ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "testGPG");
        Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(tmp);
        ActivationResult r = Activation.run(m, o, new SopsSecrets(Map.of()));
        assertEquals(List.of(), r.errors());

        Path target = tmp.resolve("test-target");
        assertTrue(Files.isSymbolicLink(target));
        Path real = target.toRealPath();
        assertTrue(Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS));
        assertEquals("test_value", Files.readString(target));
        assertEquals(0400, attr(real, "mode") & 07777);
        assertEquals(new SystemUserDb().uid("nobody").orElseThrow(), attr(real, "uid"));
        assertEquals(new SystemUserDb().gid("nogroup").orElseThrow(), attr(real, "gid"));

        Path json2 = tmp.resolve("secrets/test2").toRealPath();
        assertEquals(0700, attr(json2, "mode") & 07777);
        assertEquals(0, attr(json2, "uid"));
        assertEquals(0, attr(json2, "gid"));
        assertEquals(13, Files.size(tmp.resolve("secrets/test3")));
        assertEquals("binary_value\n", Files.readString(tmp.resolve("secrets/test3")));
        assertTrue(Files.readString(tmp.resolve("secrets/test4")).contains("never_gonna=give you up"));
        assertTrue(Files.readString(tmp.resolve("secrets/test5")).contains("[Welcome!]"));

        ActivationResult second = Activation.run(m, o, new SopsSecrets(Map.of()));
        assertEquals(0, second.exitStatus(), second.errors().toString());
        assertEquals(tmp.resolve("secrets.d/2"), Files.readSymbolicLink(tmp.resolve("secrets")));
    }

    /** TestAge, TestAgeWithSSH, testSSHKey, and TestValidateManifest with a missing SSH key. */
    @Test
    void eachKindOfKeyInstallsSecretsYaml() throws Exception {
        String v = Vectors.sopsNix("secrets.yaml").getParent().toString();
        List<String> keys = List.of("\"ageKeyFile\":\"V/age-keys.txt\"", "\"ageSshKeyPaths\":[\"V/ssh-ed25519-key\"]",
                "\"sshKeyPaths\":[\"V/ssh-key\"]");
        for (String k : keys) {
            Path dir = Files.createTempDirectory(tmp, "host");
            String json = ("{\"secrets\":[{\"name\":\"test_key\",\"sopsFile\":\"V/secrets.yaml\"}]," + k
                    + ",\"secretsMountPoint\":\"T/secrets.d\",\"symlinkPath\":\"T/secrets\"}")
                    .replace("V", v).replace("T", dir.toString());
            Manifest m = ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "m");
            Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(dir);
            ActivationResult r = Activation.run(m, o, new SopsSecrets(Map.of()));
            assertEquals(List.of(), r.errors(), k);
            assertEquals("test_value", Files.readString(dir.resolve("secrets/test_key")), k);
        }
        String json = ("{\"secrets\":[{\"name\":\"test_key\",\"sopsFile\":\"V/secrets.yaml\"}],"
                + "\"sshKeyPaths\":[\"T/missing-ssh-key\"]}").replace("V", v).replace("T", tmp.toString());
        Manifest m = ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "m");
        Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(tmp);
        for (CheckMode mode : List.of(CheckMode.MANIFEST, CheckMode.SOPSFILE)) {
            ActivationResult r = Activation.run(m, o.withCheckMode(mode), new SopsSecrets(Map.of()));
            assertEquals(List.of(), r.errors(), mode.toString());
        }
    }

    /** A tampered file fails only its own secrets; the rest of the generation is installed. */
    @Test
    void tamperedFileFailsOnlyItsSecrets() throws Exception {
        Path bad = tmp.resolve("tampered.yaml");
        String text = Files.readString(Vectors.sopsNix("secrets.yaml"));
        int at = text.indexOf("ENC[AES256_GCM,data:") + "ENC[AES256_GCM,data:".length();
        char c = text.charAt(at);
        Files.writeString(bad, text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1));
        String v = Vectors.sopsNix("secrets.yaml").getParent().toString();
        String json = """
                {"secrets":[{"name":"good","key":"test_key","sopsFile":"V/secrets.yaml"},
                            {"name":"bad","key":"test_key","sopsFile":"B"}],
                 "ageKeyFile":"V/age-keys.txt","secretsMountPoint":"T/secrets.d","symlinkPath":"T/secrets"}"""
                .replace("V", v).replace("B", bad.toString()).replace("T", tmp.toString());
        Manifest m = ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "m");
        Options o = Options.fromEnvironment(io.secretsd.platform.Platform.LINUX, Map.of()).withMounter(Mounter.NONE).withNixosRunDir(tmp);
        ActivationResult r = Activation.run(m, o, new SopsSecrets(Map.of()));
        assertEquals(1, r.exitStatus());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().getFirst().startsWith(bad + ": failed to decrypt: "), r.errors().toString());
        assertEquals("test_value", Files.readString(tmp.resolve("secrets/good")));
        assertTrue(Files.notExists(tmp.resolve("secrets/bad")));
    }
}
