package io.secretsd.pgp;

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
}
