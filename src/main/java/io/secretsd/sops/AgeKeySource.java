package io.secretsd.sops;

import io.secretsd.age.Age;
import io.secretsd.age.AgeException;
import io.secretsd.age.Armor;
import io.secretsd.age.ArmorException;
import io.secretsd.age.HeaderMacException;
import io.secretsd.age.Identity;
import io.secretsd.age.NoIdentityMatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Opens {@code age} entries: each {@code enc} is an armored age file whose payload is the data key (or a
 * Shamir share), decrypted with the given identities. Problems met while loading identities (unreadable key
 * files, ...) are reported with a failure, as sops 3.11+ does, never before.
 */
public final class AgeKeySource implements DataKeySource {
    private final List<Identity> identities;
    private final List<String> loadProblems;

    public AgeKeySource(List<? extends Identity> identities, List<String> loadProblems) {
        this.identities = List.copyOf(identities);
        this.loadProblems = List.copyOf(loadProblems);
    }

    public static AgeKeySource of(AgeIdentities.Loaded loaded) {
        return new AgeKeySource(loaded.identities(), loaded.problems());
    }

    /** A source for age entries, pgp reported as not supported yet, the rest as unsupported by name. */
    public DataKeySource withoutPgp() {
        return new KeySources(this, null);
    }

    @Override
    public byte[] open(MasterKey key) throws KeyUnwrapException {
        if (!(key instanceof MasterKey.AgeKey a)) throw new KeyUnwrapException("not an age key");
        if (identities.isEmpty()) throw new KeyUnwrapException("no age identities found" + problems());
        byte[] armored = a.enc().getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Age.decrypt(Armor.decoder(new ByteArrayInputStream(armored)), identities)) {
            return in.readAllBytes();
        } catch (NoIdentityMatchException e) {
            throw new KeyUnwrapException("no identity matches (tried " + String.join(", ",
                    identities.stream().map(Identity::describe).toList()) + ")" + problems());
        } catch (ArmorException e) {
            throw new KeyUnwrapException("enc is not a valid armored age file: " + e.getMessage());
        } catch (HeaderMacException e) {
            throw new KeyUnwrapException("the age header MAC does not verify (enc was altered)");
        } catch (AgeException e) {
            throw new KeyUnwrapException("age: " + e.getMessage());
        } catch (IOException e) {
            throw new KeyUnwrapException("age: " + e.getMessage());
        }
    }

    private String problems() {
        return loadProblems.isEmpty() ? "" : "; while loading identities: " + String.join("; ", loadProblems);
    }

    @Override
    public String toString() {
        return "AgeKeySource[" + identities.size() + " identities]";
    }
}
