package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh-to-age output used by the real age tools, on the real sops-nix data. */
class SshToAgeInteropTest {
    @TempDir
    Path dir;

    @Test
    void ageKeygenDerivesOurRecipientFromOurIdentity() throws Exception {
        Tools.require("age-keygen", "age");
        Tools.require("ssh-keygen", "openssh-client");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "k");
        byte[] identity = SshToAge.privateKeyToAge(Files.readAllBytes(dir.resolve("k")), null);
        String fromAge = new String(Tools.run(dir, identity, "age-keygen", "-y"), StandardCharsets.US_ASCII).strip();
        assertEquals(SshToAge.publicKeyToAge(Files.readString(dir.resolve("k.pub"))), fromAge);
    }

    /** sops-nix's secrets.yaml wraps its data key to age1a8pk… (the converted ssh-ed25519-key): age must open it. */
    @Test
    void convertedVectorKeyOpensTheSopsNixDataKeyWithAge() throws Exception {
        Tools.require("age", "age");
        String recipient = SshToAge.publicKeyToAge(Files.readString(Vectors.file("sops-nix/ssh-ed25519-key.pub")));
        String yaml = Files.readString(Vectors.file("sops-nix/secrets.yaml"));
        int at = yaml.indexOf("recipient: " + recipient);
        assertTrue(at >= 0, "secrets.yaml has no age entry for " + recipient);
        int begin = yaml.indexOf("-----BEGIN AGE ENCRYPTED FILE-----", at);
        int end = yaml.indexOf("-----END AGE ENCRYPTED FILE-----", begin) + "-----END AGE ENCRYPTED FILE-----".length();
        String armored = yaml.substring(begin, end).lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("datakey.age"), armored);
        Files.write(dir.resolve("identity.txt"),
                SshToAge.privateKeyToAge(Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")), null));
        byte[] dataKey = Tools.run(dir, "age", "-d", "-i", "identity.txt", "datakey.age");
        assertEquals(32, dataKey.length, "a sops data key is 32 bytes");
    }
}
