package io.secretsd.age;

import java.util.List;

/** Something a file key can be wrapped to: an X25519 public key, an SSH public key, a passphrase. */
public interface Recipient {
    List<Stanza> wrap(byte[] fileKey) throws AgeException;

    /** True for recipients that must be the only one in a header (scrypt), as the spec requires. */
    default boolean mustBeAlone() {
        return false;
    }
}
