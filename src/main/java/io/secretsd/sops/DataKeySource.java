package io.secretsd.sops;

/**
 * Opens master key entries: the one narrow door between sops files and the keys that can open them (age
 * identities, OpenPGP keys, ...). Implementations throw {@link KeyUnwrapException} with a reason that names
 * no key material: "no identity matches", "PGP is not supported yet", "unreadable key file ...".
 */
@FunctionalInterface
public interface DataKeySource {
    /**
     * Returns the bytes held by {@code key}: the 32-byte data key with one key group, a 33-byte Shamir share
     * with several. The caller wipes them.
     */
    byte[] open(MasterKey key) throws KeyUnwrapException;
}
