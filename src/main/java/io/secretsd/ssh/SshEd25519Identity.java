package io.secretsd.ssh;

import io.secretsd.age.Identity;
import io.secretsd.age.MalformedStanzaException;
import io.secretsd.age.Primitives;
import io.secretsd.age.Stanza;
import java.util.List;
import javax.security.auth.Destroyable;

/**
 * An ssh-ed25519 private key as an age identity (agessh.go Ed25519Identity). A stanza whose tag matches
 * but does not decrypt is fatal, as in Go: the tag says it was meant for this key.
 */
public final class SshEd25519Identity implements Identity, Destroyable {
    private final SshPublicKey.Ed25519 sshKey;
    private final byte[] secretKey;
    private final byte[] ourPublicKey;
    private final String tag;
    private final byte[] tweak;
    private boolean wiped;

    /** Derives what it needs from {@code key}; the caller may wipe {@code key} afterwards. */
    public SshEd25519Identity(SshPrivateKey.Ed25519 key) {
        this.sshKey = key.publicKey();
        this.secretKey = key.x25519Scalar();
        this.ourPublicKey = Primitives.x25519Base(secretKey);
        this.tag = SshStanzas.tag(sshKey);
        this.tweak = SshEd25519Recipient.tweak(sshKey);
    }

    public SshPublicKey.Ed25519 sshKey() {
        return sshKey;
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws MalformedStanzaException {
        if (wiped) throw new IllegalStateException("the identity has been wiped");
        return Identity.firstUnwrapped(stanzas, this::unwrap);
    }

    private byte[] unwrap(Stanza block) throws MalformedStanzaException {
        if (!block.type().equals(SshEd25519Recipient.TYPE)) return null;
        if (block.args().size() != 2) throw new MalformedStanzaException("invalid ssh-ed25519 recipient block: "
                + block.args().size() + " arguments, want 2");
        byte[] publicKey = SshStanzas.decodeCanonical(block.args().get(1));
        if (publicKey == null) throw new MalformedStanzaException("invalid ssh-ed25519 recipient block: share is not canonical base64");
        if (publicKey.length != 32) throw new MalformedStanzaException("invalid ssh-ed25519 recipient block: share is "
                + publicKey.length + " bytes, want 32");
        if (!block.args().get(0).equals(tag)) return null;

        byte[] sharedSecret = Primitives.x25519(secretKey, publicKey);
        if (sharedSecret == null) throw new MalformedStanzaException("invalid ssh-ed25519 recipient block: low-order share");
        byte[] tweaked = Primitives.x25519(tweak, sharedSecret);
        Primitives.wipe(sharedSecret);
        if (tweaked == null) throw new MalformedStanzaException("invalid ssh-ed25519 recipient block: tweaked secret is zero");

        byte[] salt = SshEd25519Recipient.concat(publicKey, ourPublicKey);
        byte[] wrappingKey = Primitives.hkdf(tweaked, salt, SshEd25519Recipient.LABEL, 32);
        byte[] fileKey = Primitives.openZeroNonce(wrappingKey, block.body());
        Primitives.wipe(tweaked, wrappingKey);
        if (fileKey == null) throw new MalformedStanzaException("failed to decrypt the ssh-ed25519 file key for "
                + tag + " (the tag matches this key, so the stanza is corrupt)");
        return fileKey;
    }

    /** Overwrites the X25519 scalar; the identity is unusable afterwards. */
    public void wipe() {
        Primitives.wipe(secretKey);
        wiped = true;
    }

    @Override
    public boolean isDestroyed() {
        return wiped;
    }

    @Override
    public void destroy() {
        wipe();
    }


    @Override
    public String describe() {
        return "ssh-ed25519 key " + sshKey.fingerprint();
    }

    @Override
    public String toString() {
        return "SshEd25519Identity[" + sshKey.fingerprint() + "]";
    }
}
