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

    /** The identity as users know it, for error messages: {@code age key age1…}, {@code ssh-ed25519 key SHA256:…}. */
    default String describe() {
        return "identity";
    }

    /** This identity under a name that says where it came from ({@code ssh-ed25519 host key /etc/ssh/…}). */
    static Identity named(Identity identity, String description) {
        return new NamedIdentity(identity, description);
    }

    /** Unwraps one stanza: the file key, or null when the stanza is not addressed to the identity. */
    @FunctionalInterface
    interface StanzaUnwrapper {
        byte[] unwrap(Stanza stanza) throws MalformedStanzaException;
    }

    /** The first file key any stanza yields (Go's multiUnwrap): what most identities' {@link #unwrap} is. */
    static byte[] firstUnwrapped(List<Stanza> stanzas, StanzaUnwrapper each) throws MalformedStanzaException {
        for (Stanza s : stanzas) {
            byte[] k = each.unwrap(s);
            if (k != null) return k;
        }
        return null;
    }
}
