package io.secretsd.age;

import java.util.List;

/** Something that can unwrap a file key from the stanzas of an age header (an X25519 key, an SSH key, a passphrase). */
public interface Identity {
    /**
     * Returns the 16-byte file key (the caller wipes it), or {@code null} when no stanza is addressed to
     * this identity. Throws {@link MalformedStanzaException} when a stanza of this identity's type is
     * malformed, or fails in a way that must abort decryption rather than try the next identity.
     */
    byte[] unwrap(List<Stanza> stanzas) throws AgeException;
}
