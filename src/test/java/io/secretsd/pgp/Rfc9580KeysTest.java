package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9580 keys (native X25519, v6), which gpg 2.2 cannot make: generated with BouncyCastle's key
 * generator, our messages to them are PKESK v3/SEIPD v1 for v4 keys and PKESK v6/SEIPD v2 for v6 keys.
 */
class Rfc9580KeysTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void nativeX25519KeysRoundTrip(int version) throws Exception {
        // The v6 key is AEAD-protected (Argon2 S2K, OCB); build() wipes the passphrase it is given.
        var generator = new BcOpenPGPApi().generateKey(version).ed25519x25519Key("v" + version + " <v@test>");
        OpenPGPKey key = version == 6 ? generator.build("pw".toCharArray()) : generator.build();
        byte[] file = key.getPGPSecretKeyRing().getEncoded();
        PgpKeyring ring = PgpKeyring.readSecretKeys(file, version == 6 ? "pw".toCharArray() : null, "bc-v" + version);
        String fp = ring.fingerprints().getFirst();
        assertEquals(version == 6 ? 64 : 40, fp.length());

        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        byte[] message = PgpEncryptor.encrypt(dataKey, ring.publicKey(fp).orElseThrow());
        assertArrayEquals(dataKey, ring.decrypt(message, fp));

        PGPPublicKeyEncryptedData pkesk = PgpMessages.recipients(message, "test").getFirst();
        assertEquals(version == 6 ? 6 : 3, pkesk.getVersion());
        assertEquals(version == 6, pkesk.isAEAD());

        byte[] binary;
        try (var in = new ArmoredInputStream(new ByteArrayInputStream(message))) {
            binary = in.readAllBytes();
        }
        binary[binary.length - 2] ^= 0x40;
        var e = assertThrows(PgpIntegrityException.class, () -> ring.decrypt(binary, fp));
        assertTrue(e.getMessage().contains(fp), e.getMessage());
    }
}
