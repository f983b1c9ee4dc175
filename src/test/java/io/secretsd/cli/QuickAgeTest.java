package io.secretsd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.age.IdentityFile;
import io.secretsd.age.X25519Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain forms of `age decrypt` and `age encrypt` run without picocli, as picocli runs them; the rest go to picocli. */
class QuickAgeTest {
    @TempDir
    Path tmp;

    @Test
    void leavesToPicocliWhatIsNotAPlainForm() {
        for (String[] args : new String[][] {
                {"age"}, {"age", "keygen"}, {"age", "decrypt"}, {"age", "decrypt", "f.age"}, {"age", "decrypt", "--help"},
                {"age", "decrypt", "-i"}, {"age", "decrypt", "-i", "-o", "x", "f.age"}, {"age", "decrypt", "-ik", "f.age"},
                {"age", "decrypt", "-i", "k", "-o", "a", "-o", "b", "f.age"}, {"age", "decrypt", "-i", "k", "-"},
                {"age", "decrypt", "-i", "k", "a.age", "b.age"}, {"age", "decrypt", "-i", "k", "--", "f.age"},
                {"age", "decrypt", "--identity="}, {"age", "decrypt", "-i", "k", "--passphrase-file", "p", "--passphrase-file", "q"},
                {"age", "encrypt", "f"}, {"age", "encrypt", "-r", "age1x", "--passphrase-file", "p", "f"},
                {"age", "encrypt", "-r", "age1x", "-a", "-a", "f"}, {"age", "encrypt", "-r", "age1x", "-ao", "x", "f"},
                {"age", "encrypt", "-r", "age1x", "--help"}, {"age", "encrypt", "-r", "age1x", "-"}}) {
            assertNull(QuickAge.command(args), String.join(" ", args));
            assertEquals(-1, QuickCommands.run("secretsctl", args), String.join(" ", args));
        }
    }

    @Test
    void plainFormsFillTheCommandsAsPicocliDoes() {
        var d = (AgeDecrypt) QuickAge.command(new String[] {"age", "decrypt", "-i", "a", "--identity=b", "--identity", "c", "--output=o", "in"});
        assertEquals(java.util.List.of(Path.of("a"), Path.of("b"), Path.of("c")), d.identityFiles);
        assertEquals(Path.of("o"), d.output);
        assertEquals(Path.of("in"), d.input);
        var e = (AgeEncrypt) QuickAge.command(new String[] {"age", "encrypt", "-a", "-r", "age1x", "--recipient=ssh-ed25519 AAAA c", "-R", "f", "-o", "o"});
        assertEquals(java.util.List.of("age1x", "ssh-ed25519 AAAA c"), e.recipients);
        assertEquals(java.util.List.of(Path.of("f")), e.recipientFiles);
        assertTrue(e.armor);
        assertNull(e.input);
        var p = (AgeEncrypt) QuickAge.command(new String[] {"age", "encrypt", "--passphrase-file", "p", "in"});
        assertEquals(Path.of("p"), p.passphraseFile);
    }

    @Test
    void aPlainRoundTripAndAFailureAreWhatPicocliRunGives() throws Exception {
        X25519Identity id = X25519Identity.generate();
        Path key = tmp.resolve("key.txt");
        Files.write(key, IdentityFile.keygenFile(id, java.time.OffsetDateTime.now()));
        byte[] plain = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(plain);
        Path in = tmp.resolve("plain");
        Files.write(in, plain);
        Path enc = tmp.resolve("f.age");
        assertEquals(Cli.OK, QuickCommands.run("secretsctl", new String[] {"age", "encrypt", "-r", id.recipient().toString(), "-o", enc.toString(), in.toString()}));
        Path out = tmp.resolve("out");
        assertEquals(Cli.OK, QuickCommands.run("secretsctl", new String[] {"age", "decrypt", "-i", key.toString(), "-o", out.toString(), enc.toString()}));
        assertArrayEquals(plain, Files.readAllBytes(out));

        Path other = tmp.resolve("other.txt");
        Files.write(other, IdentityFile.keygenFile(X25519Identity.generate(), java.time.OffsetDateTime.now()));
        String[] wrongKey = {"age", "decrypt", "-i", other.toString(), "-o", tmp.resolve("x").toString(), enc.toString()};
        QuickCommandsTest.Captured quick = QuickCommandsTest.capture(() -> QuickCommands.run("secretsctl", wrongKey));
        QuickCommandsTest.Captured picocli = QuickCommandsTest.capture(() -> Cli.run(Secretsctl.spec(), "secretsctl", Secretsctl.SUBCOMMANDS, wrongKey));
        assertEquals(Cli.FAILED, quick.exit(), quick.err());
        assertEquals(picocli, quick);
    }
}
