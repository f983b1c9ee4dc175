package io.secretsd.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interoperability with the reference implementation: Debian's age binary (1.1.1), both directions. */
class AgeInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void requireAge() throws Exception {
        try {
            Result r = run(List.of("age", "--version"), null);
            assertEquals(0, r.exit, "age --version failed");
        } catch (IOException e) {
            fail("the age binary is not installed (apt-get install -y age); the interop tests need it", e);
        }
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // Multi-MiB payloads go through the worker threads: a whole number of batches (the final chunk
        // full) and not.
        for (int size : new int[] {0, 1, 65536, 65537, 2 * 1024 * 1024, 3 * 1024 * 1024 + 7, 10 * 1024 * 1024}) {
            out.add(Arguments.of(size, false));
            out.add(Arguments.of(size, true));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} bytes, armored {1}")
    @MethodSource("cases")
    void oursToAge(int size, boolean armored) throws Exception {
        byte[] plain = random(size);
        X25519Identity id = X25519Identity.generate();
        Path key = dir.resolve("ours-" + size + armored + ".key");
        byte[] encoded = IdentityFile.keygenFile(id, java.time.OffsetDateTime.now());
        Files.write(key, encoded);
        Primitives.wipe(encoded);
        Path file = dir.resolve("ours-" + size + armored + ".age");
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream w = Age.encrypt(armored ? Armor.encoder(raw) : raw, List.of(id.recipient()))) {
            w.write(plain);
        }
        if (armored) assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).startsWith(Armor.BEGIN + "\n"));
        // age creates its -o file lazily, so an empty plaintext is read from stdout instead.
        Result r = run(List.of("age", "-d", "-i", key.toString(), file.toString()), null);
        assertEquals(0, r.exit, "age -d failed: " + r.stderr);
        assertArrayEquals(plain, r.stdout);
    }

    @ParameterizedTest(name = "{0} bytes, armored {1}")
    @MethodSource("cases")
    void ageToOurs(int size, boolean armored) throws Exception {
        byte[] plain = random(size);
        Path key = dir.resolve("go-" + size + armored + ".key");
        Result kg = run(List.of("age-keygen", "-o", key.toString()), null);
        assertEquals(0, kg.exit, "age-keygen failed: " + kg.stderr);
        String recipient = kg.stderr.strip().replaceFirst("^Public key: ", "");
        Path in = dir.resolve("go-" + size + armored + ".in");
        Files.write(in, plain);
        Path file = dir.resolve("go-" + size + armored + ".age");
        List<String> cmd = new ArrayList<>(List.of("age", "-e", "-r", recipient, "-o", file.toString()));
        if (armored) cmd.add("-a");
        cmd.add(in.toString());
        Result r = run(cmd, null);
        assertEquals(0, r.exit, "age -e failed: " + r.stderr);
        List<Identity> ids = IdentityFile.parse(key.toString(), Files.readAllBytes(key));
        assertEquals(recipient, ((X25519Identity) ids.getFirst()).recipient().toString());
        try (InputStream dec = Age.decrypt(Armor.detect(Files.newInputStream(file)), ids)) {
            assertArrayEquals(plain, dec.readAllBytes());
        }
    }

    @Test
    void scryptBothWays() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) is needed to give age -p a terminal");
        byte[] plain = random(70000);
        String pass = "correct horse battery staple";
        // Ours to age.
        Path ours = dir.resolve("scrypt-ours.age");
        Files.write(ours, Age.encrypt(plain, List.of(new ScryptRecipient(pass.getBytes(StandardCharsets.UTF_8), 14))));
        Path out = dir.resolve("scrypt-ours.out");
        Result r = run(List.of("script", "-qec", "age -d -o " + out + " " + ours, "/dev/null"), pass + "\n");
        assertEquals(0, r.exit, "age -d (scrypt) failed: " + new String(r.stdout, StandardCharsets.UTF_8) + r.stderr);
        assertArrayEquals(plain, Files.readAllBytes(out));
        // age to ours.
        Path in = dir.resolve("scrypt-go.in");
        Files.write(in, plain);
        Path theirs = dir.resolve("scrypt-go.age");
        r = run(List.of("script", "-qec", "age -p -o " + theirs + " " + in, "/dev/null"), pass + "\n" + pass + "\n");
        assertEquals(0, r.exit, "age -p failed: " + new String(r.stdout, StandardCharsets.UTF_8) + r.stderr);
        byte[] dec = Age.decrypt(Files.readAllBytes(theirs), List.of(new ScryptIdentity(pass.getBytes(StandardCharsets.UTF_8))));
        assertArrayEquals(plain, dec);
    }

    @Test
    void passphraseProtectedIdentityFileFromAge() throws Exception {
        Path key = dir.resolve("protected.key");
        Result kg = run(List.of("age-keygen", "-o", key.toString()), null);
        assertEquals(0, kg.exit);
        String recipient = kg.stderr.strip().replaceFirst("^Public key: ", "");
        Path protectedKey = dir.resolve("protected.key.age");
        String pass = "hunter2 hunter2";
        Result r = run(List.of("script", "-qec", "age -p -a -o " + protectedKey + " " + key, "/dev/null"), pass + "\n" + pass + "\n");
        assertEquals(0, r.exit, "age -p failed: " + new String(r.stdout, StandardCharsets.UTF_8) + r.stderr);
        byte[] content = Files.readAllBytes(protectedKey);
        assertEquals(IdentityFile.Kind.PASSPHRASE_ENCRYPTED, IdentityFile.kind(content));
        List<Identity> ids = IdentityFile.parse("protected.key.age", content, name -> pass.getBytes(StandardCharsets.UTF_8));
        assertEquals(recipient, ((X25519Identity) ids.getFirst()).recipient().toString());
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    record Result(int exit, byte[] stdout, String stderr) {}

    static Result run(List<String> cmd, String stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var err = p.getErrorStream();
        byte[] outBytes = p.getInputStream().readAllBytes();
        byte[] errBytes = err.readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + cmd);
        }
        return new Result(p.exitValue(), outBytes, new String(errBytes, StandardCharsets.UTF_8));
    }

    static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
