package io.secretsd.ssh;

import io.secretsd.age.AgeException;
import io.secretsd.age.HeaderException;
import io.secretsd.age.Identity;
import io.secretsd.age.MalformedStanzaException;
import io.secretsd.age.Stanza;
import java.io.IOException;
import java.util.List;

/**
 * A passphrase-protected OpenSSH key as an age identity (agessh EncryptedSSHIdentity): the passphrase
 * is asked for only when a stanza carries this key's tag, and the decrypted key is kept for later files.
 */
public final class SshEncryptedIdentity implements Identity {

    /** Supplies the passphrase when it is needed; the identity wipes what it returns. */
    @FunctionalInterface
    public interface PassphraseSource {
        byte[] passphrase() throws IOException;
    }

    private final SshPublicKey publicKey;
    private final byte[] privateKeyFile;
    private final PassphraseSource passphrase;
    private final String tag;
    private Identity decrypted;

    /** {@code publicKey} comes from {@link PassphraseRequiredException#publicKey()} or the .pub file. */
    public SshEncryptedIdentity(SshPublicKey publicKey, byte[] privateKeyFile, PassphraseSource passphrase) {
        this.publicKey = publicKey;
        this.privateKeyFile = privateKeyFile.clone();
        this.passphrase = passphrase;
        this.tag = SshStanzas.tag(publicKey);
    }

    public SshPublicKey sshKey() {
        return publicKey;
    }

    @Override
    public String describe() {
        return publicKey.type() + " key " + publicKey.fingerprint() + " (passphrase-protected)";
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        if (decrypted != null) return decrypted.unwrap(stanzas);
        boolean addressed = false;
        for (Stanza s : stanzas) {
            if (!s.type().equals(publicKey.type())) continue;
            if (s.args().isEmpty()) throw new MalformedStanzaException("invalid " + publicKey.type() + " recipient block: no arguments");
            if (s.args().get(0).equals(tag)) addressed = true;
        }
        if (!addressed) return null;
        decrypted = decrypt();
        return decrypted.unwrap(stanzas);
    }

    private Identity decrypt() throws HeaderException {
        byte[] pass;
        try {
            pass = passphrase.passphrase();
        } catch (IOException e) {
            throw new HeaderException("failed to obtain the passphrase for SSH key " + publicKey.fingerprint() + ": " + e.getMessage(), e);
        }
        try {
            SshPrivateKey key = SshPrivateKey.parse(privateKeyFile, pass);
            if (!key.publicKey().equals(publicKey)) {
                key.wipe();
                throw new HeaderException("the SSH private key does not match its public key " + publicKey.fingerprint());
            }
            return SshAge.identity(key);
        } catch (SshKeyException e) {
            throw new HeaderException("failed to decrypt SSH key file: " + e.getMessage(), e);
        } finally {
            if (pass != null) java.util.Arrays.fill(pass, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SshEncryptedIdentity[" + publicKey.fingerprint() + "]";
    }
}
