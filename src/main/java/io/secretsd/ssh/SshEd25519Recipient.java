package io.secretsd.ssh;

import io.secretsd.age.HeaderException;
import io.secretsd.age.Primitives;
import io.secretsd.age.Recipient;
import io.secretsd.age.Stanza;
import java.util.List;

/**
 * An ssh-ed25519 public key as an age recipient (agessh.go Ed25519Recipient): X25519 to the key's
 * Montgomery form, with the shared secret tweaked by a value bound to the SSH key.
 */
public final class SshEd25519Recipient implements Recipient {
    static final String TYPE = "ssh-ed25519";
    static final String LABEL = "age-encryption.org/v1/ssh-ed25519";

    private final SshPublicKey.Ed25519 sshKey;
    private final byte[] theirPublicKey;
    private final String tag;
    private final byte[] tweak;

    public SshEd25519Recipient(SshPublicKey.Ed25519 sshKey) {
        this.sshKey = sshKey;
        this.theirPublicKey = sshKey.montgomeryU();
        this.tag = SshStanzas.tag(sshKey);
        this.tweak = tweak(sshKey);
    }

    public SshPublicKey.Ed25519 sshKey() {
        return sshKey;
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws HeaderException {
        byte[] ephemeral = Primitives.random(32);
        byte[] ourPublicKey = Primitives.x25519Base(ephemeral);
        byte[] sharedSecret = Primitives.x25519(ephemeral, theirPublicKey);
        Primitives.wipe(ephemeral);
        if (sharedSecret == null) throw new HeaderException("ssh-ed25519 recipient " + tag + " is a low-order point");
        byte[] tweaked = Primitives.x25519(tweak, sharedSecret);
        Primitives.wipe(sharedSecret);
        if (tweaked == null) throw new HeaderException("ssh-ed25519 recipient " + tag + ": tweaked shared secret is zero");

        byte[] salt = concat(ourPublicKey, theirPublicKey);
        byte[] wrappingKey = Primitives.hkdf(tweaked, salt, LABEL, 32);
        byte[] body = Primitives.sealZeroNonce(wrappingKey, fileKey);
        Primitives.wipe(tweaked, wrappingKey);
        return List.of(new Stanza(TYPE, List.of(tag, SshStanzas.encode(ourPublicKey)), body));
    }

    /**
     * tweak = HKDF-SHA-256(ikm = empty, salt = SSH wire blob, info = label): binds the secret to the SSH
     * key. It depends on public data only, so it is computed once per key.
     */
    static byte[] tweak(SshPublicKey.Ed25519 sshKey) {
        return Primitives.hkdf(new byte[0], sshKey.wireBlob(), LABEL, 32);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return sshKey.authorizedKey();
    }
}
