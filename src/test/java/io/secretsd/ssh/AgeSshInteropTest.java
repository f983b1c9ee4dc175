package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.HeaderException;
import io.secretsd.age.Identity;
import io.secretsd.age.NoIdentityMatchException;
import io.secretsd.age.Primitives;
import io.secretsd.age.Recipient;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole files both ways with Debian's age 1.1.1 and keys made by ssh-keygen. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgeSshInteropTest {
    static final int[] SIZES = {0, 1, 64 * 1024, 64 * 1024 + 1};

    @TempDir
    static Path dir;

    @BeforeAll
    void keys() throws Exception {
        Tools.require("age", "age");
        Tools.require("ssh-keygen", "openssh-client");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "ed");
        Tools.run(dir, "ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", "rsa");
    }

    private Identity identity(String key) throws Exception {
        return SshAge.identity(Files.readAllBytes(dir.resolve(key)), null);
    }

    private Recipient recipient(String key) throws Exception {
        return SshAge.recipient(Files.readString(dir.resolve(key + ".pub")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed", "rsa"})
    void ageEncryptsWeDecrypt(String key) throws Exception {
        for (int size : SIZES) {
            for (boolean armor : new boolean[] {false, true}) {
                byte[] plain = Primitives.random(size);
                Path in = dir.resolve("plain-" + key + size), out = dir.resolve("enc-" + key + size + armor);
                Files.write(in, plain);
                if (armor) Tools.run(dir, "age", "-a", "-R", key + ".pub", "-o", out.toString(), in.toString());
                else Tools.run(dir, "age", "-R", key + ".pub", "-o", out.toString(), in.toString());
                var stream = new ByteArrayInputStream(Files.readAllBytes(out));
                try (var dec = Age.decrypt(armor ? Armor.decoder(stream) : stream, List.of(identity(key)))) {
                    assertArrayEquals(plain, dec.readAllBytes(), key + " " + size + " armor=" + armor);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed", "rsa"})
    void weEncryptAgeDecrypts(String key) throws Exception {
        for (int size : SIZES) {
            byte[] plain = Primitives.random(size);
            Path out = dir.resolve("ours-" + key + size);
            Files.write(out, Age.encrypt(plain, List.of(recipient(key))));
            assertArrayEquals(plain, Tools.run(dir, "age", "-d", "-i", key, out.toString()), key + " " + size);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed", "rsa"})
    void bothRecipientsInOneFile(String key) throws Exception {
        byte[] plain = Primitives.random(100);
        Path out = dir.resolve("both-" + key);
        Files.write(out, Age.encrypt(plain, List.of(recipient("ed"), recipient("rsa"))));
        assertArrayEquals(plain, Tools.run(dir, "age", "-d", "-i", key, out.toString()));
        assertArrayEquals(plain, Age.decrypt(Files.readAllBytes(out), List.of(identity(key))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed", "rsa"})
    void otherKeyIsNoMatchAndTamperedStanzaIsAHeaderError(String key) throws Exception {
        String other = key.equals("ed") ? "rsa" : "ed";
        byte[] file = Age.encrypt(new byte[10], List.of(recipient(other)));
        assertThrows(NoIdentityMatchException.class, () -> Age.decrypt(file, List.of(identity(key))));
        byte[] mine = Age.encrypt(new byte[10], List.of(recipient(key)));
        // Flip one character of the stanza body (the line after the stanza's "-> " line).
        String text = new String(mine, java.nio.charset.StandardCharsets.ISO_8859_1);
        int body = text.indexOf('\n', text.indexOf("\n-> ") + 1) + 1;
        byte[] tampered = mine.clone();
        tampered[body] = (byte) (tampered[body] == 'A' ? 'B' : 'A');
        assertThrows(HeaderException.class, () -> Age.decrypt(tampered, List.of(identity(key))));
    }
}
