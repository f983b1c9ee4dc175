package io.secretsd.sops;

import io.secretsd.pgp.PgpEncryptor;
import io.secretsd.pgp.PgpPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Writes {@code pgp} entries: the data key (or share) as an armored OpenPGP message to one public key. */
public record PgpKeyWrapper(PgpPublicKey key) implements DataKeys.KeyWrapper {
    @Override
    public MasterKey wrap(byte[] keyOrShare) throws IOException {
        byte[] armored = PgpEncryptor.encrypt(keyOrShare, key);
        String created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        return new MasterKey.PgpKey(key.fingerprint(), created, new String(armored, StandardCharsets.US_ASCII));
    }
}
