package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sops-nix vectors with this project's age and ssh packages: every age/SSH key that can open
 * secrets.yaml does, through each way sops finds identities; files we encrypt open with the age binary.
 */
class AgeKeysTest {
    @TempDir
    Path tmp;

    private static final String EXPECTED = "test_key: test_value\na_list:\n    - e1\n    - e3\nnested:\n    test:\n        file: another value\n";
    private static final String AGE_RECIPIENT = "age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw";
    private static final String SSH_RECIPIENT = "age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs";

    private static String decrypt(AgeIdentities.Loaded ids) throws SopsException {
        return new String(Sops.decrypt("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, Format.YAML,
                AgeKeySource.of(ids).withoutPgp(), false), StandardCharsets.UTF_8);
    }

    private static AgeIdentities.Loaded env(Map<String, String> env) {
        return AgeIdentities.load(List.of(), List.of(), env, null, null);
    }

    @Test
    void ageKeyFileEveryWay() throws Exception {
        Path keys = Vectors.sopsNix("age-keys.txt");
        assertEquals(EXPECTED, decrypt(AgeIdentities.load(List.of(keys), List.of(), Map.of(), null, null)));
        assertEquals(EXPECTED, decrypt(env(Map.of("SOPS_AGE_KEY_FILE", keys.toString()))));
        assertEquals(EXPECTED, decrypt(env(Map.of("SOPS_AGE_KEY", Files.readString(keys)))));
        // the default location under the home directory
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".config/sops/age"));
        Files.copy(keys, home.resolve(".config/sops/age/keys.txt"));
        assertEquals(EXPECTED, decrypt(AgeIdentities.load(List.of(), List.of(), Map.of(), home, null)));
    }

    @Test
    void sshKeyConvertedWithSshToAge() throws Exception {
        Path ssh = Vectors.sopsNix("ssh-ed25519-key");
        assertEquals(EXPECTED, decrypt(AgeIdentities.load(List.of(), List.of(ssh), Map.of(), null, null)));
        assertEquals(EXPECTED, decrypt(env(Map.of("SOPS_AGE_SSH_PRIVATE_KEY_FILE", ssh.toString()))));
        Path home = tmp.resolve("home2");
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(ssh, home.resolve(".ssh/id_ed25519"));
        assertEquals(EXPECTED, decrypt(AgeIdentities.load(List.of(), List.of(), Map.of(), home, null)));
    }

    @Test
    void failureNamesEveryRecipientAndLoadProblem() throws Exception {
        Path other = tmp.resolve("other.txt");
        Files.writeString(other, AgeCli.keygen());
        DataKeyException e = assertThrows(DataKeyException.class, () -> decrypt(AgeIdentities.load(
                List.of(other, tmp.resolve("missing.txt")), List.of(), Map.of(), null, null)));
        String m = e.getMessage();
        assertTrue(m.contains("secrets.yaml") && m.contains(AGE_RECIPIENT) && m.contains(SSH_RECIPIENT), m);
        assertTrue(m.contains("no identity matches") && m.contains("missing.txt: no such file"), m);
        assertTrue(m.contains("pgp 7FB89715AADA920D65D25E63F9BA9DEBD03F57C0: PGP is not supported yet"), m);
        assertFalse(m.contains("AGE-SECRET-KEY"), m);
    }

    @Test
    void sshRsaAndPostQuantumRecipients() throws Exception {
        Path rsa = tmp.resolve("id_rsa");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "test", "-f", rsa.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "ssh-keygen");
        String rsaLine = Files.readString(tmp.resolve("id_rsa.pub")).strip();
        io.secretsd.age.HybridIdentity pq = io.secretsd.age.HybridIdentity.generate();
        Path pqFile = tmp.resolve("pq.txt");
        Files.write(pqFile, io.secretsd.age.IdentityFile.keygenFile(pq, java.time.OffsetDateTime.now()));
        EncryptOptions opts = EncryptOptions.to(List.of(AgeKeyWrapper.of(rsaLine), AgeKeyWrapper.of(pq.recipient().toString())));
        byte[] enc = Sops.encrypt("rsa.json", "{\"k\": \"v\"}".getBytes(StandardCharsets.UTF_8), Format.JSON, Format.JSON, opts);
        for (AgeIdentities.Loaded ids : List.of(AgeIdentities.load(List.of(), List.of(rsa), Map.of(), null, null),
                AgeIdentities.load(List.of(pqFile), List.of(), Map.of(), null, null))) {
            byte[] out = Sops.decrypt("rsa.json", enc, Format.JSON, Format.JSON, AgeKeySource.of(ids).withoutPgp(), false);
            assertEquals("{\n\t\"k\": \"v\"\n}\n", new String(out, StandardCharsets.UTF_8));
        }
        // the age binary opens the ssh-rsa entry with the key file directly
        Sops.SopsFile f = Sops.load("rsa.json", enc, Format.JSON);
        assertEquals(32, AgeCli.source(rsa).open(f.metadata().keyGroups().getFirst().keys().getFirst()).length);
    }

    @Test
    void tamperingIsDetectedWithThisProjectsAge() throws Exception {
        DataKeySource keys = AgeKeySource.of(AgeIdentities.load(List.of(Vectors.sopsNix("age-keys.txt")), List.of(), Map.of(), null, null)).withoutPgp();
        String text = new String(Vectors.read("secrets.yaml"), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(data|iv|tag):([A-Za-z0-9+/=]+)").matcher(text);
        int n = 0;
        while (m.find()) {
            int i = m.start(2);
            String bad = text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A') + text.substring(i + 1);
            assertThrows(SopsException.class, () -> Sops.decrypt("secrets.yaml", bad.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, false));
            n++;
        }
        assertEquals(15, n);
        String lm = text.replace("2021-09-30T19:49:41Z", "2021-09-30T19:49:40Z");
        assertThrows(SopsException.class, () -> Sops.decrypt("secrets.yaml", lm.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, false));
        // a changed age armor is caught by age (header MAC or armor) and reported per recipient
        String armor = text.replace("YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBOcUlPTGtUY2R1Si9SUnpN", "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBOcUlPTGtUY2R1Si9SUnpO");
        DataKeyException e = assertThrows(DataKeyException.class, () -> Sops.decrypt("secrets.yaml", armor.getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, keys, false));
        assertTrue(e.getMessage().contains(AGE_RECIPIENT), e.getMessage());
    }

    @Test
    void weEncryptToAgeAndSshRecipientsTheAgeBinaryDecrypts() throws Exception {
        String sshLine = Files.readString(Vectors.sopsNix("ssh-ed25519-key.pub")).strip();
        EncryptOptions opts = new EncryptOptions(List.of(
                List.of(AgeKeyWrapper.of(AGE_RECIPIENT)), List.of(AgeKeyWrapper.of(sshLine)), List.of(AgeKeyWrapper.of(SSH_RECIPIENT))), 2, null, false);
        byte[] enc = Sops.encrypt("new.yaml", "secret: value\n".getBytes(StandardCharsets.UTF_8), Format.YAML, Format.YAML, opts);
        String text = new String(enc, StandardCharsets.UTF_8);
        assertTrue(text.contains("recipient: " + sshLine), text);
        // groups 1 (age key file) and 2 (the ssh key used directly, through the age binary) meet the threshold
        Sops.SopsFile f = Sops.load("new.yaml", enc, Format.YAML);
        byte[] share1 = AgeCli.source(Vectors.sopsNix("age-keys.txt")).open(f.metadata().keyGroups().get(0).keys().getFirst());
        byte[] share2 = AgeCli.source(Vectors.sopsNix("ssh-ed25519-key")).open(f.metadata().keyGroups().get(1).keys().getFirst());
        assertEquals(33, share1.length);
        assertEquals(33, share2.length);
        // and our own stack opens it with only the ssh key (direct for group 2, converted for group 3)
        byte[] out = Sops.decrypt("new.yaml", enc, Format.YAML, Format.YAML,
                AgeKeySource.of(AgeIdentities.load(List.of(), List.of(Vectors.sopsNix("ssh-ed25519-key")), Map.of(), null, null)).withoutPgp(), false);
        assertEquals("secret: value\n", new String(out, StandardCharsets.UTF_8));
    }
}
