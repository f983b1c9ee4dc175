package io.secretsd.ssh;

import io.secretsd.age.Identity;
import io.secretsd.age.Recipient;

/** SSH keys as age recipients and identities (agessh.go ParseRecipient and ParseIdentity). */
public final class SshAge {
    private SshAge() {}

    /** An {@code ssh-ed25519 …} or {@code ssh-rsa …} authorized_keys line as a recipient. */
    public static Recipient recipient(String authorizedKeysLine) throws SshKeyException {
        return recipient(SshPublicKey.parse(authorizedKeysLine));
    }

    public static Recipient recipient(SshPublicKey key) throws SshKeyException {
        return switch (key) {
            case SshPublicKey.Ed25519 ed -> new SshEd25519Recipient(ed);
            case SshPublicKey.Rsa rsa -> SshRsaRecipient.of(rsa);
        };
    }

    /** A private key file as an identity. {@code passphrase} may be null; the caller wipes it. */
    public static Identity identity(byte[] privateKeyFile, byte[] passphrase) throws SshKeyException {
        return identity(SshPrivateKey.parse(privateKeyFile, passphrase));
    }

    /**
     * A private key file as an identity, asking {@code passphrase} only if the key is encrypted: for an
     * openssh-key-v1 file, only once a stanza is addressed to it (its public key is readable without
     * the passphrase); for an encrypted PEM file, at once.
     */
    public static Identity identityWithPrompt(byte[] privateKeyFile, SshEncryptedIdentity.PassphraseSource passphrase)
            throws SshKeyException, java.io.IOException {
        try {
            return identity(privateKeyFile, (byte[]) null);
        } catch (PassphraseRequiredException e) {
            if (e.publicKey().isPresent()) return new SshEncryptedIdentity(e.publicKey().get(), privateKeyFile, passphrase);
            byte[] pass = passphrase.passphrase();
            try {
                return identity(privateKeyFile, pass);
            } finally {
                if (pass != null) java.util.Arrays.fill(pass, (byte) 0);
            }
        }
    }

    /** Takes ownership of {@code key}: an Ed25519 key is wiped once the identity has its X25519 scalar. */
    public static Identity identity(SshPrivateKey key) {
        return switch (key) {
            case SshPrivateKey.Ed25519 ed -> {
                var identity = new SshEd25519Identity(ed);
                ed.wipe();
                yield identity;
            }
            case SshPrivateKey.Rsa rsa -> new SshRsaIdentity(rsa);
        };
    }
}
