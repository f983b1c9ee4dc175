package io.secretsd.sops;

/**
 * Decrypts the data key held by a {@code pgp} entry (an armored OpenPGP message to {@code fp}). Implemented by
 * the OpenPGP package; until then {@link KeySources} reports PGP entries as not supported yet.
 */
@FunctionalInterface
public interface PgpKeySource {
    byte[] open(MasterKey.PgpKey key) throws KeyUnwrapException;
}
