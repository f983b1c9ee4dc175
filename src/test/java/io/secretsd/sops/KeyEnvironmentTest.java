package io.secretsd.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sops' key environment beyond the files: SOPS_AGE_KEY_CMD (asked per recipient), SOPS_AGE_SSH_PRIVATE_KEY_CMD, XDG_CONFIG_HOME. */
class KeyEnvironmentTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private static final String RECIPIENT = "age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw";

    private static String decrypt(Map<String, String> env) throws Exception {
        DataKeySource keys = new KeyConfig(List.of(), List.of(), List.of(), List.of(), null, null, env, null).open();
        return new String(Sops.decrypt("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, Format.YAML, keys, false),
                StandardCharsets.UTF_8);
    }

    @Test
    void ageKeyCommandIsAskedForTheEntrysRecipient() throws Exception {
        String cmd = "sh -c 'test \"$SOPS_AGE_RECIPIENT\" = " + RECIPIENT + " && cat \"$0\"' " + Vectors.sopsNix("age-keys.txt");
        assertTrue(decrypt(Map.of("SOPS_AGE_KEY_CMD", cmd)).startsWith("test_key: test_value\n"));
        SopsException e = assertThrows(SopsException.class, () -> decrypt(Map.of("SOPS_AGE_KEY_CMD", "false")));
        assertTrue(e.getMessage().contains("secrets.yaml"), e.getMessage());
    }

    @Test
    void sshPrivateKeyCommand() throws Exception {
        String cmd = "cat " + Vectors.sopsNix("ssh-ed25519-key");
        assertTrue(decrypt(Map.of("SOPS_AGE_SSH_PRIVATE_KEY_CMD", cmd)).startsWith("test_key: test_value\n"));
    }

    @Test
    void sshPrivateKeyCommandIsAskedForTheEntrysRecipient() throws Exception {
        java.nio.file.Path asked = tmp.resolve("asked");
        String cmd = "sh -c 'echo \"$SOPS_AGE_RECIPIENT\" >> \"$1\" && cat \"$0\"' " + Vectors.sopsNix("ssh-ed25519-key") + " " + asked;
        assertTrue(decrypt(Map.of("SOPS_AGE_SSH_PRIVATE_KEY_CMD", cmd)).startsWith("test_key: test_value\n"));
        List<String> recipients = java.nio.file.Files.readAllLines(asked);
        String file = new String(Vectors.read("secrets.yaml"), StandardCharsets.UTF_8);
        assertTrue(!recipients.isEmpty() && recipients.stream().allMatch(r -> r.startsWith("age1") && file.contains("recipient: " + r)),
                recipients.toString());
        assertEquals(recipients.size(), new java.util.HashSet<>(recipients).size(), "asked once per recipient: " + recipients);
    }

    @Test
    void theDefaultKeyFileIsReadAsWellAsSopsAgeKeyFile() throws Exception {
        java.nio.file.Path other = tmp.resolve("other-keys.txt");
        byte[] unrelated = io.secretsd.age.X25519Identity.generate().encoded();
        java.nio.file.Files.write(other, unrelated);
        java.util.Arrays.fill(unrelated, (byte) 0);
        java.nio.file.Path xdg = java.nio.file.Files.createDirectories(tmp.resolve("xdg/sops/age"));
        java.nio.file.Files.copy(Vectors.sopsNix("age-keys.txt"), xdg.resolve("keys.txt"));
        DataKeySource keys = new KeyConfig(List.of(), List.of(), List.of(), List.of(), null, null,
                Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString(), "SOPS_AGE_KEY_FILE", other.toString()), null).open();
        assertTrue(new String(Sops.decrypt("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, Format.YAML, keys, false),
                StandardCharsets.UTF_8).startsWith("test_key: test_value\n"));
    }

    @Test
    void xdgConfigHomeComesBeforeHomesConfig() throws Exception {
        java.nio.file.Path xdg = java.nio.file.Files.createDirectories(tmp.resolve("xdg/sops/age"));
        java.nio.file.Files.copy(Vectors.sopsNix("age-keys.txt"), xdg.resolve("keys.txt"));
        java.nio.file.Path home = java.nio.file.Files.createDirectories(tmp.resolve("home"));
        DataKeySource keys = new KeyConfig(List.of(), List.of(), List.of(), List.of(), null, null,
                Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), home).open();
        assertTrue(new String(Sops.decrypt("secrets.yaml", Vectors.read("secrets.yaml"), Format.YAML, Format.YAML, keys, false),
                StandardCharsets.UTF_8).startsWith("test_key: test_value\n"));
    }

    @Test
    void wordsAreSplitAsAShellWould() {
        assertEquals(List.of("a", "b c", "d\"e", "f g", "h"), KeyCommand.words(" a 'b c' \"d\\\"e\" f\\ g  h "));
        assertEquals(List.of(), KeyCommand.words("   "));
    }
}
