package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.bcpg.ArmoredInputStream;

/**
 * Garbage and mutated messages, secret key files, public key files and SSH keys: every failure is a
 * PgpException, never an unchecked exception, and a damaged message never yields a different key.
 */
class PgpProperties {
    private static final String KEY_ASC = "7FB89715AADA920D65D25E63F9BA9DEBD03F57C0";

    /** Loaded once: the vectors are the fixtures (a real gpg-made message and key). */
    private static final class Fixture {
        static final byte[] KEY_FILE = read("key.asc");
        static final byte[] KEY_FILE_BINARY = dearmor(KEY_FILE);
        static final byte[] SSH_KEY = read("ssh-key");
        static final PgpKeyring KEYRING = load();
        static final SopsVectors.PgpEntry ENTRY = entry();
        static final byte[] MESSAGE_BINARY = dearmor(ENTRY.enc());
        static final byte[] DATA_KEY = decrypt(ENTRY.enc());

        static byte[] read(String name) {
            try {
                return SopsVectors.read(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static PgpKeyring load() {
            try {
                return PgpKeyring.readSecretKeys(KEY_FILE, (char[]) null, "key.asc");
            } catch (PgpException e) {
                throw new IllegalStateException(e);
            }
        }

        static SopsVectors.PgpEntry entry() {
            try {
                return SopsVectors.pgpEntries("secrets.yaml").stream().filter(e -> e.fingerprint().equals(KEY_ASC))
                        .findFirst().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static byte[] decrypt(byte[] message) {
            try {
                return KEYRING.decrypt(message, KEY_ASC);
            } catch (PgpException e) {
                throw new IllegalStateException(e);
            }
        }

        static byte[] dearmor(byte[] armored) {
            try (var in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    interface Attempt<T> {
        T run() throws PgpException;
    }

    /** The result, or null when a PgpException was thrown; any other throwable fails the property. */
    static <T> T typed(Attempt<T> attempt) {
        try {
            return attempt.run();
        } catch (PgpException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) throw new AssertionError("exception without message", e);
            return null;
        } catch (Throwable t) {
            throw new AssertionError("not a PgpException: " + t, t);
        }
    }

    @Property(tries = 300)
    void garbageIsNotAMessage(@ForAll @Size(max = 3000) byte[] garbage) {
        typed(() -> Fixture.KEYRING.decrypt(garbage, KEY_ASC));
        typed(() -> Fixture.KEYRING.decrypt(garbage, null));
    }

    @Property(tries = 300)
    void armoredGarbageIsNotAMessage(@ForAll @Size(max = 2000) byte[] garbage) {
        byte[] armored = ("-----BEGIN PGP MESSAGE-----\n\n" + Base64.getMimeEncoder().encodeToString(garbage)
                + "\n-----END PGP MESSAGE-----\n").getBytes(StandardCharsets.US_ASCII);
        typed(() -> Fixture.KEYRING.decrypt(armored, KEY_ASC));
    }

    @Property(tries = 400)
    void aMutatedMessageFailsTypedOrGivesTheSameKey(@ForAll("mutatedMessages") byte[] message) {
        byte[] key = typed(() -> Fixture.KEYRING.decrypt(message, KEY_ASC));
        if (key != null) assertArrayEquals(Fixture.DATA_KEY, key);
    }

    @Property(tries = 300)
    void aMutatedSecretKeyFileFailsTyped(@ForAll("mutatedKeyFiles") byte[] keyFile) {
        PgpKeyring ring = typed(() -> PgpKeyring.readSecretKeys(keyFile, (char[]) null, "mutated"));
        if (ring != null) {
            byte[] key = typed(() -> ring.decrypt(Fixture.ENTRY.enc(), null));
            if (key != null) assertArrayEquals(Fixture.DATA_KEY, key);
        }
        List<PgpPublicKey> keys = typed(() -> PgpPublicKey.parseAll(keyFile, "mutated"));
        if (keys != null) {
            for (PgpPublicKey k : keys) typed(() -> PgpEncryptor.encrypt(new byte[32], k));
        }
    }

    @Property(tries = 200)
    void garbageKeyFilesFailTyped(@ForAll @Size(max = 2000) byte[] garbage) {
        typed(() -> PgpKeyring.readSecretKeys(garbage, (char[]) null, "garbage"));
        typed(() -> PgpKeyring.readSecretKeys(garbage, "pw".toCharArray(), "garbage"));
        typed(() -> PgpPublicKey.parseAll(garbage, "garbage"));
        typed(() -> PgpKeyring.fromSshRsaKey(garbage, "garbage"));
    }

    @Property(tries = 200)
    void aMutatedSshKeyFailsTyped(@ForAll("mutatedSshKeys") byte[] sshKey) {
        typed(() -> PgpKeyring.fromSshRsaKey(sshKey, "mutated"));
    }

    @Property(tries = 200)
    void garbageFingerprintsFailTyped(@ForAll @Size(max = 100) String fingerprint) {
        typed(() -> Fixture.KEYRING.decrypt(Fixture.ENTRY.enc(), fingerprint));
        typed(() -> Fixture.KEYRING.publicKey(fingerprint));
    }

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        return Arbitraries.oneOf(mutations(Fixture.MESSAGE_BINARY), mutations(Fixture.ENTRY.enc()));
    }

    @Provide
    Arbitrary<byte[]> mutatedKeyFiles() {
        return Arbitraries.oneOf(mutations(Fixture.KEY_FILE_BINARY), mutations(Fixture.KEY_FILE));
    }

    @Provide
    Arbitrary<byte[]> mutatedSshKeys() {
        return mutations(Fixture.SSH_KEY);
    }

    /** Flipped bytes, truncation, insertion and deletion at random places. */
    static Arbitrary<byte[]> mutations(byte[] original) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, original.length - 1);
        Arbitrary<byte[]> flips = Combinators.combine(position.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4)).as((ps, bs) -> {
                    byte[] copy = original.clone();
                    for (int i = 0; i < ps.size(); i++) copy[ps.get(i)] ^= (byte) (bs.get(i) == 0 ? 1 : bs.get(i));
                    return copy;
                });
        Arbitrary<byte[]> truncated = position.map(p -> Arrays.copyOf(original, p));
        Arbitrary<byte[]> inserted = Combinators.combine(position, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as((p, extra) -> {
                    byte[] copy = new byte[original.length + extra.length];
                    System.arraycopy(original, 0, copy, 0, p);
                    System.arraycopy(extra, 0, copy, p, extra.length);
                    System.arraycopy(original, p, copy, p + extra.length, original.length - p);
                    return copy;
                });
        Arbitrary<byte[]> deleted = Combinators.combine(position, Arbitraries.integers().between(1, 16)).as((p, n) -> {
            int end = Math.min(original.length, p + n);
            byte[] copy = new byte[original.length - (end - p)];
            System.arraycopy(original, 0, copy, 0, p);
            System.arraycopy(original, end, copy, p, original.length - end);
            return copy;
        });
        return Arbitraries.oneOf(flips, truncated, inserted, deleted);
    }
}
