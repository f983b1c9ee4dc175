package io.secretsd.pgp;

import java.util.ArrayList;
import java.util.List;

/**
 * Something that can open the PGP message of a sops {@code pgp} entry: keys held in process
 * ({@link PgpKeyring}) or a GnuPG home used through the {@code gpg} binary ({@link GnupgHome}).
 */
public sealed interface PgpDecryptor permits PgpKeyring, GnupgHome {

    /**
     * Decrypts an armored (or binary) PGP message and returns its literal data, a sops data key or Shamir
     * share, which the caller wipes.
     *
     * @param message           the {@code enc} field of a sops {@code pgp} entry
     * @param wantedFingerprint its {@code fp} field (spaces and a trailing {@code !} allowed); a keyring
     *                          uses only the key it names, or any key when null
     */
    byte[] decrypt(byte[] message, String wantedFingerprint) throws PgpException;

    /**
     * Tries each decryptor in turn, as sops tries go-crypto and then gpg; the first result wins. When all
     * fail: if every one merely lacked the key, one PgpKeyNotFoundException joining their messages;
     * otherwise the first other failure (damaged message, wrong passphrase, gpg error), the rest suppressed.
     */
    static byte[] decryptWithAny(List<? extends PgpDecryptor> decryptors, byte[] message, String wantedFingerprint)
            throws PgpException {
        List<PgpException> failures = new ArrayList<>();
        for (PgpDecryptor d : decryptors) {
            try {
                return d.decrypt(message, wantedFingerprint);
            } catch (PgpException e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            throw new PgpKeyNotFoundException("no PGP keys configured to decrypt the data key for "
                    + (wantedFingerprint == null ? "any key" : wantedFingerprint));
        }
        PgpException first = failures.stream().filter(e -> !(e instanceof PgpKeyNotFoundException)).findFirst()
                .orElse(null);
        if (first == null) {
            if (failures.size() == 1) throw failures.getFirst();
            var joined = new PgpKeyNotFoundException(String.join("; ", failures.stream().map(Throwable::getMessage).toList()));
            failures.forEach(joined::addSuppressed);
            throw joined;
        }
        for (PgpException e : failures) {
            if (e != first) first.addSuppressed(e);
        }
        throw first;
    }
}
