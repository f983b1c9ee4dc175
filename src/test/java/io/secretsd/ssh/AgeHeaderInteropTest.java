package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.age.Identity;
import io.secretsd.age.Primitives;
import io.secretsd.age.Stanza;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stanzas written by Debian's age binary ({@code age -R key.pub}) unwrap with our identities, checked
 * independently of the age package: the unwrapped file key must verify the header MAC age wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgeHeaderInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    void keys() throws Exception {
        Tools.require("age", "age");
        Tools.require("ssh-keygen", "openssh-client");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "ed");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", "rsa");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "other");
        Files.writeString(dir.resolve("plain"), "hello");
    }

    @Test
    void ed25519StanzaFromAge() throws Exception {
        checkUnwrap("ed", "ssh-ed25519");
    }

    @Test
    void rsaStanzaFromAge() throws Exception {
        checkUnwrap("rsa", "ssh-rsa");
    }

    @Test
    void stanzaForAnotherKeyIsNotMine() throws Exception {
        Tools.run(dir, "age", "-R", "other.pub", "-o", "other.age", "plain");
        var header = Header.parse(Files.readAllBytes(dir.resolve("other.age")));
        assertEquals(null, SshAge.identity(Files.readAllBytes(dir.resolve("ed")), null).unwrap(header.stanzas));
    }

    private void checkUnwrap(String key, String type) throws Exception {
        Tools.run(dir, "age", "-R", key + ".pub", "-R", "other.pub", "-o", key + ".age", "plain");
        var header = Header.parse(Files.readAllBytes(dir.resolve(key + ".age")));
        assertEquals(List.of(type, "ssh-ed25519"), header.stanzas.stream().map(Stanza::type).toList());
        Identity identity = SshAge.identity(Files.readAllBytes(dir.resolve(key)), null);
        byte[] fileKey = identity.unwrap(header.stanzas);
        assertNotNull(fileKey);
        assertEquals(16, fileKey.length);
        assertArrayEquals(header.mac, header.macWith(fileKey), "the unwrapped file key must verify age's header MAC");
    }

    /** Just enough of the age v1 header (age-encryption.org/v1) to get the stanzas and the MAC. */
    record Header(List<Stanza> stanzas, byte[] macInput, byte[] mac) {
        static Header parse(byte[] file) {
            String text = new String(file, StandardCharsets.ISO_8859_1);
            int macLine = text.indexOf("\n--- ");
            int macEnd = text.indexOf('\n', macLine + 1);
            List<String> lines = List.of(text.substring(0, macLine).split("\n"));
            assertEquals("age-encryption.org/v1", lines.get(0));
            List<Stanza> stanzas = new ArrayList<>();
            for (int i = 1; i < lines.size(); ) {
                String[] fields = lines.get(i++).split(" ");
                assertEquals("->", fields[0]);
                StringBuilder body = new StringBuilder();
                String line;
                do {
                    line = lines.get(i++);
                    body.append(line);
                } while (line.length() == 64);
                stanzas.add(new Stanza(fields[1], Arrays.asList(fields).subList(2, fields.length),
                        Base64.getDecoder().decode(body.toString())));
            }
            byte[] macInput = text.substring(0, macLine + 4).getBytes(StandardCharsets.ISO_8859_1);
            byte[] mac = Base64.getDecoder().decode(text.substring(macLine + 5, macEnd));
            assertTrue(stanzas.size() >= 1);
            return new Header(stanzas, macInput, mac);
        }

        byte[] macWith(byte[] fileKey) throws Exception {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Primitives.hkdf(fileKey, new byte[0], "header", 32), "HmacSHA256"));
            return hmac.doFinal(macInput);
        }
    }
}
