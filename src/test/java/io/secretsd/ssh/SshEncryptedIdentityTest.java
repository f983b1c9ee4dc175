package io.secretsd.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secretsd.age.HeaderException;
import io.secretsd.age.Primitives;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SshEncryptedIdentityTest {
    static final byte[] FILE = SshParserProperties.EncryptedSample.FILE;

    @Test
    void asksForThePassphraseOnlyWhenAddressedAndOnce() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        var identity = SshAge.identityWithPrompt(FILE, () -> {
            asked.incrementAndGet();
            return "test".getBytes(StandardCharsets.UTF_8);
        });
        assertInstanceOf(SshEncryptedIdentity.class, identity);

        var other = TestKeys.ed25519();
        assertNull(identity.unwrap(new SshEd25519Recipient(other.publicKey()).wrap(Primitives.random(16))));
        assertEquals(0, asked.get());

        var pub = (SshPublicKey.Ed25519) assertThrows(PassphraseRequiredException.class, () -> SshPrivateKey.parse(FILE))
                .publicKey().orElseThrow();
        for (int i = 0; i < 2; i++) {
            byte[] fileKey = Primitives.random(16);
            assertArrayEquals(fileKey, identity.unwrap(new SshEd25519Recipient(pub).wrap(fileKey)));
        }
        assertEquals(1, asked.get());
    }

    @Test
    void wrongPassphraseIsAHeaderErrorCarryingTheCause() throws Exception {
        var identity = SshAge.identityWithPrompt(FILE, () -> "nope".getBytes(StandardCharsets.UTF_8));
        var pub = (SshPublicKey.Ed25519) assertThrows(PassphraseRequiredException.class, () -> SshPrivateKey.parse(FILE))
                .publicKey().orElseThrow();
        var e = assertThrows(HeaderException.class, () -> identity.unwrap(new SshEd25519Recipient(pub).wrap(Primitives.random(16))));
        assertInstanceOf(WrongPassphraseException.class, e.getCause());
    }

    @Test
    void unencryptedKeysNeverAsk() throws Exception {
        var identity = SshAge.identityWithPrompt(java.nio.file.Files.readAllBytes(Vectors.file("sops-nix/ssh-ed25519-key")),
                () -> { throw new AssertionError("asked for a passphrase"); });
        assertInstanceOf(SshEd25519Identity.class, identity);
    }
}
