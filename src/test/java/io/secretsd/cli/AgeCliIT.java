package io.secretsd.cli;

import static io.secretsd.testing.Proc.dist;
import static io.secretsd.testing.Proc.require;
import static io.secretsd.testing.Proc.run;
import static io.secretsd.testing.Proc.runIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secretsd.testing.Proc;
import io.secretsd.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `secretsctl age` and `secretsctl ssh-to-age` as whole processes, against Debian's age and ssh-keygen. */
class AgeCliIT {
    @TempDir
    static Path dir;

    static String ctl;
    static String age;
    static Path ourKey;
    static String ourRecipient;
    static Path goKey;
    static String goRecipient;

    @BeforeAll
    static void keys() throws IOException {
        ctl = dist("secretsctl");
        age = require("age");
        ourKey = dir.resolve("ours.txt");
        Proc.Result r = run(ctl, "age", "keygen", "-o", ourKey.toString());
        assertEquals(0, r.exit(), r.toString());
        ourRecipient = match("Public key: (age1[a-z0-9]+)", r.stderr());
        goKey = dir.resolve("go.txt");
        assertEquals(0, run(require("age-keygen"), "-o", goKey.toString()).exit());
        goRecipient = run(require("age-keygen"), "-y", goKey.toString()).out().strip();
    }

    static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in: " + text);
        return m.group(1);
    }

    static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void keygenWritesAPrivateFileThatAgeAccepts() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ourKey)));
        assertEquals(ourRecipient, run(require("age-keygen"), "-y", ourKey.toString()).out().strip());
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,false", "65536,false", "65537,true", "10485760,false", "1000,true"})
    void goAgeEncryptsWeDecrypt(int size, boolean armor) {
        byte[] plain = data(size);
        Proc.Result enc = runIn(plain, armor ? new String[] {age, "-a", "-r", ourRecipient} : new String[] {age, "-r", ourRecipient});
        assertEquals(0, enc.exit(), enc.toString());
        Proc.Result dec = runIn(enc.stdout(), ctl, "age", "decrypt", "-i", ourKey.toString());
        assertEquals(0, dec.exit(), dec.toString());
        assertArrayEquals(plain, dec.stdout());
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,true", "65536,true", "65537,false", "10485760,true", "1000,false"})
    void weEncryptGoAgeDecrypts(int size, boolean armor) {
        byte[] plain = data(size);
        Proc.Result enc = runIn(plain, armor
                ? new String[] {ctl, "age", "encrypt", "-a", "-r", goRecipient}
                : new String[] {ctl, "age", "encrypt", "-r", goRecipient});
        assertEquals(0, enc.exit(), enc.toString());
        assertEquals(armor, new String(enc.stdout(), 0, Math.min(enc.stdout().length, 14), StandardCharsets.US_ASCII).startsWith("-----BEGIN AGE"));
        Proc.Result dec = runIn(enc.stdout(), age, "-d", "-i", goKey.toString());
        assertEquals(0, dec.exit(), dec.toString());
        assertArrayEquals(plain, dec.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa"})
    void sshKeysBothWays(String type) throws IOException {
        Path key = dir.resolve("id_" + type);
        Files.deleteIfExists(key);
        Files.deleteIfExists(Path.of(key + ".pub"));
        assertEquals(0, run(require("ssh-keygen"), "-q", "-t", type, "-N", "", "-f", key.toString()).exit());
        String pub = Files.readString(Path.of(key + ".pub")).strip();
        byte[] plain = data(70_000);

        Proc.Result goEnc = runIn(plain, age, "-R", key + ".pub");
        assertEquals(0, goEnc.exit(), goEnc.toString());
        Proc.Result ourDec = runIn(goEnc.stdout(), ctl, "age", "decrypt", "-i", key.toString());
        assertEquals(0, ourDec.exit(), ourDec.toString());
        assertArrayEquals(plain, ourDec.stdout());

        Proc.Result ourEnc = runIn(plain, ctl, "age", "encrypt", "-r", pub);
        assertEquals(0, ourEnc.exit(), ourEnc.toString());
        Proc.Result goDec = runIn(ourEnc.stdout(), age, "-d", "-i", key.toString());
        assertEquals(0, goDec.exit(), goDec.toString());
        assertArrayEquals(plain, goDec.stdout());
    }

    @Test
    void recipientsFileWithSeveralKinds() throws IOException {
        Path file = dir.resolve("recipients.txt");
        Files.writeString(file, "# team\n" + goRecipient + "\n\n" + ourRecipient + "\n");
        byte[] plain = data(333);
        Proc.Result enc = runIn(plain, ctl, "age", "encrypt", "-R", file.toString());
        assertEquals(0, enc.exit(), enc.toString());
        assertArrayEquals(plain, runIn(enc.stdout(), age, "-d", "-i", goKey.toString()).stdout());
        assertArrayEquals(plain, runIn(enc.stdout(), ctl, "age", "decrypt", "-i", ourKey.toString()).stdout());
    }

    @Test
    void passphraseRoundTripAndWrongPassphrase() throws IOException {
        Path pass = dir.resolve("pass");
        Files.writeString(pass, "correct horse battery staple\n");
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "incorrect\n");
        byte[] plain = data(100);
        Proc.Result enc = runIn(plain, ctl, "age", "encrypt", "--passphrase-file", pass.toString());
        assertEquals(0, enc.exit(), enc.toString());
        assertArrayEquals(plain, runIn(enc.stdout(), ctl, "age", "decrypt", "--passphrase-file", pass.toString()).stdout());
        Proc.Result bad = runIn(enc.stdout(), ctl, "age", "decrypt", "--passphrase-file", wrong.toString());
        assertEquals(1, bad.exit());
        assertOneLine(bad.stderr());
    }

    @Test
    void outputFileAppearsOnlyOnSuccess() throws IOException {
        Path in = dir.resolve("in.age");
        Files.write(in, runIn(data(10), age, "-r", goRecipient).stdout());
        Path out = dir.resolve("out.txt");
        Proc.Result r = run(ctl, "age", "decrypt", "-i", ourKey.toString(), "-o", out.toString(), in.toString());
        assertEquals(1, r.exit());
        assertFalse(Files.exists(out));
        assertTrue(r.stderr().toLowerCase().contains("identit"), r.stderr());
        assertOneLine(r.stderr());
    }

    @Test
    void tamperedFilesFailWithOneLineNamingTheCause() {
        byte[] enc = runIn(data(200_000), age, "-r", ourRecipient).stdout();
        int macLine = indexOf(enc, "\n---".getBytes(StandardCharsets.US_ASCII)) + 5;
        byte[] badMac = enc.clone();
        badMac[macLine + 3] ^= 1;
        Proc.Result mac = runIn(badMac, ctl, "age", "decrypt", "-i", ourKey.toString());
        assertEquals(1, mac.exit());
        assertTrue(mac.stderr().toLowerCase().contains("mac"), mac.stderr());
        assertOneLine(mac.stderr());

        byte[] truncated = java.util.Arrays.copyOf(enc, enc.length - 100);
        Proc.Result trunc = runIn(truncated, ctl, "age", "decrypt", "-i", ourKey.toString());
        assertEquals(1, trunc.exit());
        assertOneLine(trunc.stderr());

        Proc.Result usage = run(ctl, "age", "decrypt", "--no-such-flag");
        assertEquals(2, usage.exit());
    }

    @Test
    void errorsNeverShowKeyMaterial() throws IOException {
        String secret = Files.readString(ourKey).lines().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow();
        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, secret.substring(0, secret.length() - 3) + "QQQ\n");
        Proc.Result r = runIn(data(5), ctl, "age", "decrypt", "-i", broken.toString());
        assertNotEquals(0, r.exit());
        assertFalse(r.stderr().contains(secret.substring(16, 40)), r.stderr());
        assertOneLine(r.stderr());
    }

    @Test
    void sshToAgeMatchesTheVectorsReadme() throws IOException {
        String readme = Files.readString(Vectors.dir().resolve("README.md"));
        String row = readme.lines().filter(l -> l.startsWith("| `ssh-ed25519-key`")).findFirst().orElseThrow();
        String recipient = match("(age1[a-z0-9]{58})", row);
        String identity = match("(AGE-SECRET-KEY-1[A-Z0-9]{58})", row);
        Path key = Vectors.sopsNix("ssh-ed25519-key");
        assertEquals(recipient, run(ctl, "ssh-to-age", "-i", key + ".pub").out().strip());
        assertEquals(identity, run(ctl, "ssh-to-age", "-private-key", "-i", key.toString()).out().strip());
        assertEquals(recipient, runIn(Files.readAllBytes(Path.of(key + ".pub")), ctl, "ssh-to-age").out().strip());
    }

    static void assertOneLine(String stderr) {
        assertEquals(1, stderr.strip().lines().count(), "expected one error line, got: " + stderr);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
