package io.secretsd.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcAEADSecretKeyEncryptorBuilder;
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
        OpenPGPKey key = new BcOpenPGPApi().generateKey(version).ed25519x25519Key("v" + version + " <v@test>").build();
        PGPSecretKeyRing secret = key.getPGPSecretKeyRing();
        if (version == 6) {
            // Protect the encryption subkey as RFC 9580 keys are: Argon2 S2K and OCB (cheap Argon2 parameters,
            // the library defaults take seconds).
            List<PGPSecretKey> keys = new ArrayList<>();
            for (PGPSecretKey k : secret) {
                if (k.getPublicKey().isMasterKey()) {
                    keys.add(k);
                    continue;
                }
                var encryptor = new BcAEADSecretKeyEncryptorBuilder(AEADAlgorithmTags.OCB, SymmetricKeyAlgorithmTags.AES_256,
                        new S2K.Argon2Params(1, 1, 10, new SecureRandom())).build("pw".toCharArray(), k.getPublicKey().getPublicKeyPacket());
                PGPSecretKey locked = PGPSecretKey.copyWithNewPassword(k, null, encryptor);
                assertEquals(SecretKeyPacket.USAGE_AEAD, locked.getS2KUsage());
                keys.add(locked);
            }
            secret = new PGPSecretKeyRing(keys);
        }
        byte[] file = secret.getEncoded();
        PgpKeyring ring = PgpKeyring.readSecretKeys(file, version == 6 ? "pw".toCharArray() : null, "bc-v" + version);
        if (version == 6) {
            assertThrows(PgpPassphraseException.class, () -> PgpKeyring.readSecretKeys(file, "nope".toCharArray(), "bc-v6"));
        }
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
