package io.secretsd.sops;

import io.secretsd.pgp.PgpDecryptor;
import io.secretsd.pgp.PgpException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Opens {@code pgp} entries with OpenPGP secret keys, converted SSH RSA keys and GnuPG homes, tried in order. */
public record OpenPgpKeySource(List<? extends PgpDecryptor> decryptors, List<String> loadProblems) implements PgpKeySource {
    public OpenPgpKeySource {
        decryptors = List.copyOf(decryptors);
        loadProblems = List.copyOf(loadProblems);
    }

    @Override
    public byte[] open(MasterKey.PgpKey key) throws KeyUnwrapException {
        String problems = loadProblems.isEmpty() ? "" : "; while loading keys: " + String.join("; ", loadProblems);
        if (decryptors.isEmpty()) throw new KeyUnwrapException("no OpenPGP keys available" + problems);
        try {
            return PgpDecryptor.decryptWithAny(decryptors, key.enc().getBytes(StandardCharsets.US_ASCII), key.fingerprint());
        } catch (PgpException e) {
            throw new KeyUnwrapException(e.getMessage() + problems, e);
        }
    }
}
