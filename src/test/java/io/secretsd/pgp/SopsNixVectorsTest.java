package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pgp entries of all five sops-nix vector files, opened with every key that can: key.asc, the
 * gnupghome (through gpg), ssh-key (converted) and ssh-key.asc; all agree with gpg itself.
 */
class SopsNixVectorsTest {
    /** The fingerprints sops-nix lists: key.asc's key, and ssh-key converted (from the vectors' README). */
    static final String KEY_ASC = "7FB89715AADA920D65D25E63F9BA9DEBD03F57C0";
    static final String SSH_KEY = "2504791468B153B8A3963CC97BA53D1919C5DFD4";

    static TestGpg gnupghome;
    static PgpKeyring keyAsc;
    static PgpKeyring sshKey;

    @BeforeAll
    static void load() throws IOException {
        gnupghome = TestGpg.copyOf(SopsVectors.dir().resolve("gnupghome"));
        keyAsc = PgpKeyring.readSecretKeys(SopsVectors.dir().resolve("key.asc"), null);
        sshKey = PgpKeyring.fromSshRsaKey(SopsVectors.dir().resolve("ssh-key"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (gnupghome != null) gnupghome.close();
    }

    @Test
    void sshKeyConvertsToTheFingerprintSopsNixGives() {
        assertEquals(List.of(SSH_KEY), sshKey.fingerprints());
    }

    @Test
    void convertedSshKeyHasTheSopsNixUserIdAndCreationTimeZero() throws IOException {
        PgpPublicKey pub = sshKey.publicKey(SSH_KEY).orElseThrow();
        assertEquals(List.of("root (Imported from SSH) <root@localhost>"), pub.userIds());
        assertEquals(0L, pub.ring().getPublicKey().getCreationTime().getTime());
        // gpg accepts the certificate (self-signature valid) and computes the same fingerprint.
        try (TestGpg gpg = new TestGpg()) {
            gpg.run(pub.armored(), "--import");
            String listing = new String(gpg.run("--with-colons", "--check-sigs", SSH_KEY));
            assertTrue(listing.contains("fpr:::::::::" + SSH_KEY + ":"), listing);
            assertTrue(listing.lines().anyMatch(l -> l.startsWith("sig:!:")), "self-signature must verify: " + listing);
            assertTrue(listing.contains("root (Imported from SSH) <root@localhost>"), listing);
        }
    }

    @Test
    void keyAscHasTheFingerprintGpgReports() {
        String listing = new String(gnupghome.run("--with-colons", "--list-secret-keys"));
        assertTrue(listing.contains("fpr:::::::::" + keyAsc.fingerprints().getFirst() + ":"), listing);
    }

    @Test
    void everyPgpEntryOfEveryFileDecryptsWithEveryKeyThatCanOpenIt() throws IOException {
        GnupgHome home = GnupgHome.at(gnupghome.home, Map.of());
        PgpKeyring sshKeyAsc = PgpKeyring.readSecretKeys(SopsVectors.dir().resolve("ssh-key.asc"), null);
        PgpKeyring both = keyAsc.plus(sshKey);
        int opened = 0;
        for (String file : SopsVectors.FILES) {
            List<byte[]> keys = new ArrayList<>();
            for (SopsVectors.PgpEntry entry : SopsVectors.pgpEntries(file)) {
                byte[] byGpg = gnupghome.tryRun(entry.enc(), "-d").stdout();
                byte[] dataKey = both.decrypt(entry.enc(), entry.fingerprint());
                assertTrue(dataKey.length == 32 || dataKey.length == 33, entry + ": " + dataKey.length + " bytes");
                if (entry.fingerprint().equals(KEY_ASC)) {
                    assertArrayEquals(dataKey, keyAsc.decrypt(entry.enc(), entry.fingerprint()), entry + " key.asc");
                    assertArrayEquals(dataKey, home.decrypt(entry.enc(), entry.fingerprint()), entry + " gnupghome");
                    assertArrayEquals(dataKey, byGpg, entry + ": gpg -d");
                    opened += 3;
                } else {
                    assertEquals(SSH_KEY, entry.fingerprint(), entry.toString());
                    assertArrayEquals(dataKey, sshKey.decrypt(entry.enc(), entry.fingerprint()), entry + " ssh-key");
                    assertArrayEquals(dataKey, sshKeyAsc.decrypt(entry.enc(), entry.fingerprint()), entry + " ssh-key.asc");
                    opened += 2;
                }
                keys.add(dataKey);
            }
            for (byte[] k : keys) {
                assertArrayEquals(keys.getFirst(), k, file + ": all entries must hold the same data key, got "
                        + HexFormat.of().formatHex(k));
            }
        }
        assertTrue(opened >= 5 * 3 + 3 * 2, "opened " + opened);
    }

    @Test
    void dataKeysFromSshKeyEntriesAlsoDecryptWithGpgAfterImportingTheConvertedKey() throws IOException {
        // sops-nix itself imports the converted key into a temporary GnuPG keyring and runs gpg.
        try (TestGpg gpg = new TestGpg()) {
            gpg.run(SopsVectors.read("ssh-key.asc"), "--import");
            int opened = 0;
            for (String file : SopsVectors.FILES) {
                for (SopsVectors.PgpEntry entry : SopsVectors.pgpEntries(file)) {
                    if (!entry.fingerprint().equals(SSH_KEY)) continue;
                    assertArrayEquals(gpg.run(entry.enc(), "-d"), sshKey.decrypt(entry.enc(), SSH_KEY), entry.toString());
                    opened++;
                }
            }
            assertEquals(3, opened, "secrets.yaml, .env and .ini list ssh-key");
        }
    }

    @Test
    void aKeyringWithoutTheWantedKeyNamesWantedAndOffered() throws IOException {
        SopsVectors.PgpEntry entry = SopsVectors.pgpEntries("secrets.env").stream()
                .filter(e -> e.fingerprint().equals(SSH_KEY)).findFirst().orElseThrow();
        var e = assertThrows(PgpKeyNotFoundException.class, () -> keyAsc.decrypt(entry.enc(), entry.fingerprint()));
        assertTrue(e.getMessage().contains(SSH_KEY) && e.getMessage().contains(KEY_ASC), e.getMessage());
    }

    @Test
    void aMessageNotAddressedToTheNamedKeyNamesTheRecipients() throws IOException {
        SopsVectors.PgpEntry forSsh = SopsVectors.pgpEntries("secrets.ini").stream()
                .filter(e -> e.fingerprint().equals(SSH_KEY)).findFirst().orElseThrow();
        var e = assertThrows(PgpKeyNotFoundException.class, () -> keyAsc.plus(sshKey).decrypt(forSsh.enc(), KEY_ASC));
        assertTrue(e.getMessage().contains("7BA53D1919C5DFD4") && e.getMessage().contains(KEY_ASC), e.getMessage());
    }

    @Test
    void gnupgHomeWithoutTheKeyPassesGpgsErrorOn() throws IOException {
        SopsVectors.PgpEntry forSsh = SopsVectors.pgpEntries("secrets.yaml").stream()
                .filter(e -> e.fingerprint().equals(SSH_KEY)).findFirst().orElseThrow();
        var e = assertThrows(GpgException.class,
                () -> GnupgHome.at(gnupghome.home, Map.of()).decrypt(forSsh.enc(), forSsh.fingerprint()));
        assertTrue(e.getMessage().contains("No secret key") && e.getMessage().contains(SSH_KEY), e.getMessage());
        assertNotNull(e.getMessage());
    }

    @Test
    void decryptWithAnyTriesInTurnAndReportsTheMostTellingFailure() throws IOException {
        GnupgHome home = GnupgHome.at(gnupghome.home, Map.of());
        var entries = SopsVectors.pgpEntries("secrets.yaml");
        var forKeyAsc = entries.stream().filter(e -> e.fingerprint().equals(KEY_ASC)).findFirst().orElseThrow();
        var forSsh = entries.stream().filter(e -> e.fingerprint().equals(SSH_KEY)).findFirst().orElseThrow();
        assertArrayEquals(keyAsc.decrypt(forKeyAsc.enc(), KEY_ASC),
                PgpDecryptor.decryptWithAny(List.of(sshKey, home), forKeyAsc.enc(), KEY_ASC));
        var gpgFailed = assertThrows(GpgException.class,
                () -> PgpDecryptor.decryptWithAny(List.of(keyAsc, home), forSsh.enc(), SSH_KEY));
        assertEquals(1, gpgFailed.getSuppressed().length);
        var none = assertThrows(PgpKeyNotFoundException.class,
                () -> PgpDecryptor.decryptWithAny(List.of(keyAsc, PgpKeyring.empty()), forSsh.enc(), SSH_KEY));
        assertTrue(none.getMessage().contains(KEY_ASC) && none.getMessage().contains("; "), none.getMessage());
        assertThrows(PgpKeyNotFoundException.class, () -> PgpDecryptor.decryptWithAny(List.of(), forSsh.enc(), SSH_KEY));
    }
}
