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
        SshPrivateKey key = SshPrivateKey.parse(privateKeyFile, passphrase);
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
