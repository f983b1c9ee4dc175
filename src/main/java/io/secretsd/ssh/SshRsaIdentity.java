package io.secretsd.ssh;

import io.secretsd.age.Identity;
import io.secretsd.age.MalformedStanzaException;
import io.secretsd.age.Stanza;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.util.List;
import javax.security.auth.Destroyable;
import javax.crypto.Cipher;

/** An ssh-rsa private key as an age identity (agessh.go RSAIdentity); OAEP failure after a tag match is fatal. */
public final class SshRsaIdentity implements Identity, Destroyable {
    private final SshPrivateKey.Rsa key;
    private final String tag;

    /** Uses {@code key} directly: wiping the key (or this identity) makes both unusable. */
    public SshRsaIdentity(SshPrivateKey.Rsa key) {
        this.key = key;
        this.tag = SshStanzas.tag(key.publicKey());
    }

    public SshPublicKey.Rsa sshKey() {
        return key.publicKey();
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws MalformedStanzaException {
        return Identity.firstUnwrapped(stanzas, this::unwrap);
    }

    private byte[] unwrap(Stanza block) throws MalformedStanzaException {
        if (!block.type().equals(SshRsaRecipient.TYPE)) return null;
        if (block.args().size() != 1) throw new MalformedStanzaException("invalid ssh-rsa recipient block: "
                + block.args().size() + " arguments, want 1");
        if (!block.args().get(0).equals(tag)) return null;
        try {
            var privateKey = KeyFactory.getInstance("RSA").generatePrivate(key.toKeySpec());
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, privateKey, SshRsaRecipient.oaep());
            return c.doFinal(block.body());
        } catch (GeneralSecurityException e) {
            throw new MalformedStanzaException("failed to decrypt the ssh-rsa file key for " + tag
                    + " (the tag matches this key, so the stanza is corrupt)");
        }
    }

    public void wipe() {
        key.wipe();
    }

    @Override
    public void destroy() {
        wipe();
    }

    @Override
    public boolean isDestroyed() {
        return key.isDestroyed();
    }


    @Override
    public String describe() {
        return "ssh-rsa key " + key.publicKey().fingerprint();
    }

    @Override
    public String toString() {
        return "SshRsaIdentity[" + key.publicKey().fingerprint() + "]";
    }
}
