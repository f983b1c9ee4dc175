package io.secretsd.age;

import java.util.List;

/** An identity with the name an error message should use for it (see {@link Identity#named}). */
record NamedIdentity(Identity identity, String description) implements Identity {
    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        return identity.unwrap(stanzas);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
