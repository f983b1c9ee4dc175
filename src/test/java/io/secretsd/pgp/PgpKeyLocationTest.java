package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key sources as the CLI and the manifest name them. */
class PgpKeyLocationTest {
    @TempDir
    Path dir;

    @Test
    void keyFilesAndSshKeysBecomeOneKeyringBeforeGnupgHomes() throws IOException {
        Path vectors = SopsVectors.dir();
        List<PgpDecryptor> opened = PgpKeyLocation.openAll(List.of(
                new PgpKeyLocation.GnupgHomeDir(dir),
                new PgpKeyLocation.SecretKeyFile(vectors.resolve("key.asc"), null),
                new PgpKeyLocation.SshRsaKeyFile(vectors.resolve("ssh-key"))));
        assertEquals(2, opened.size());
        PgpKeyring ring = assertInstanceOf(PgpKeyring.class, opened.get(0));
        assertEquals(List.of(SopsNixVectorsTest.KEY_ASC, SopsNixVectorsTest.SSH_KEY), ring.fingerprints());
        assertEquals(dir.toAbsolutePath(), assertInstanceOf(GnupgHome.class, opened.get(1)).home());
        for (SopsVectors.PgpEntry entry : SopsVectors.pgpEntries("secrets.ini")) {
            assertEquals(32, ring.decrypt(entry.enc(), entry.fingerprint()).length, entry.toString());
        }
    }

    @Test
    void aPassphraseFileCountsUpToItsFirstLineEnd() throws IOException {
        String passphrase = "pässphrase with spaces";
        try (TestGpg gpg = new TestGpg()) {
            String fp = gpg.generate("pp <pp@test>", "future-default", "default", passphrase, null);
            Path key = dir.resolve("key.asc");
            Files.write(key, gpg.run("--pinentry-mode", "loopback", "--passphrase", passphrase, "--export-secret-keys", "--armor", fp));
            Path pass = dir.resolve("passphrase");
            Files.write(pass, (passphrase + "\r\nsecond line\n").getBytes(StandardCharsets.UTF_8));
            PgpKeyring ring = new PgpKeyLocation.SecretKeyFile(key, pass).open();
            byte[] dataKey = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(dataKey, ring.decrypt(gpg.run(dataKey, "--trust-model", "always", "-e", "-r", fp), fp));

            Files.writeString(pass, "wrong\n");
            var e = assertThrows(PgpPassphraseException.class, () -> new PgpKeyLocation.SecretKeyFile(key, pass).open());
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
            assertThrows(PgpPassphraseException.class, () -> new PgpKeyLocation.SecretKeyFile(key, null).open());
        }
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt() {
        Path missing = dir.resolve("nope.asc");
        var e = assertThrows(NoSuchFileException.class, () -> new PgpKeyLocation.SecretKeyFile(missing, null).open());
        assertTrue(e.getMessage().contains("nope.asc"));
    }

    @Test
    void aPublicKeyFileIsNotASecretKeyFile() throws IOException {
        byte[] pub = PgpKeyring.fromSshRsaKey(SopsVectors.dir().resolve("ssh-key")).publicKey(SopsNixVectorsTest.SSH_KEY)
                .orElseThrow().armored();
        var e = assertThrows(MalformedPgpException.class, () -> PgpKeyring.readSecretKeys(pub, (char[]) null, "pub.asc"));
        assertTrue(e.getMessage().contains("pub.asc") && e.getMessage().contains("public"), e.getMessage());
    }

    @Test
    void keyIdsAndSpacedFingerprintsNameKeysToo() throws IOException {
        PgpKeyring ring = PgpKeyring.readSecretKeys(SopsVectors.dir().resolve("key.asc"), null);
        String fp = SopsNixVectorsTest.KEY_ASC;
        SopsVectors.PgpEntry entry = SopsVectors.pgpEntries("secrets.json").getFirst();
        byte[] expected = ring.decrypt(entry.enc(), fp);
        assertArrayEquals(expected, ring.decrypt(entry.enc(), fp.substring(24)));
        assertArrayEquals(expected, ring.decrypt(entry.enc(), fp.toLowerCase().replaceAll("(.{4})", "$1 ")));
        assertThrows(PgpKeyNotFoundException.class, () -> ring.decrypt(entry.enc(), "not a fingerprint"));
    }
}
