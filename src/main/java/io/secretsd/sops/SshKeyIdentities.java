package io.secretsd.sops;

import io.secretsd.age.Identity;
import io.secretsd.age.X25519Identity;
import io.secretsd.ssh.SshAge;
import io.secretsd.ssh.SshEd25519Identity;
import io.secretsd.ssh.SshEncryptedIdentity;
import io.secretsd.ssh.SshKeyException;
import io.secretsd.ssh.SshPublicKey;
import io.secretsd.ssh.SshRsaIdentity;
import io.secretsd.ssh.SshToAge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One SSH private key as the age identities real files need: the key itself, for files encrypted to
 * {@code ssh-ed25519 …}/{@code ssh-rsa …} (age's own SSH stanzas), and, for an unencrypted ed25519 key, its
 * ssh-to-age X25519 form, for files encrypted to the converted {@code age1…} recipient as sops-nix hosts are
 * set up. A host key named anywhere (CLI {@code --ssh-key}, {@code ageSshKeyPaths}, {@code sshKeyPaths})
 * serves both ways.
 *
 * @param direct    the key as an SSH identity
 * @param sshKey    its public key (for reports: type and fingerprint)
 * @param converted its ssh-to-age form, absent for RSA and passphrase-protected keys
 */
public record SshKeyIdentities(Identity direct, SshPublicKey sshKey, Optional<X25519Identity> converted) {

    /** Both identities, direct first, named for error messages. */
    public List<Identity> all() {
        return all("key", null);
    }

    /**
     * Both identities, direct first, named as users know them: {@code ssh-ed25519 host key /etc/ssh/…} and
     * {@code age key age1… converted from /etc/ssh/…}. {@code kind} is "key" or "host key"; file may be null.
     */
    public List<Identity> all(String kind, Object file) {
        List<Identity> out = new ArrayList<>(2);
        String where = file == null ? " " + sshKey.fingerprint() : " " + file;
        out.add(Identity.named(direct, sshKey.type() + " " + kind + where));
        converted.ifPresent(c -> out.add(Identity.named(c, c.describe() + " (ssh-to-age of" + where + ")")));
        return out;
    }

    /**
     * Reads a private key file's content (not kept: the caller wipes it). {@code passphrase} is asked only once
     * a stanza is addressed to an encrypted key; null makes such keys fail when used.
     */
    public static SshKeyIdentities of(byte[] privateKeyFile, SshEncryptedIdentity.PassphraseSource passphrase)
            throws IOException {
        SshEncryptedIdentity.PassphraseSource src = passphrase != null ? passphrase : () -> {
            throw new IOException("the key is passphrase-protected and no passphrase is available");
        };
        Identity direct = SshAge.identityWithPrompt(privateKeyFile, src);
        SshPublicKey pub = switch (direct) {
            case SshEd25519Identity e -> e.sshKey();
            case SshRsaIdentity r -> r.sshKey();
            case SshEncryptedIdentity e -> e.sshKey();
            default -> throw new IllegalStateException("unexpected SSH identity");
        };
        Optional<X25519Identity> converted = Optional.empty();
        if (pub instanceof SshPublicKey.Ed25519 && !(direct instanceof SshEncryptedIdentity)) {
            byte[] age = null;
            try {
                age = SshToAge.privateKeyToAge(privateKeyFile, null);
                converted = Optional.of(X25519Identity.parse(new String(age, StandardCharsets.US_ASCII)));
            } catch (SshKeyException e) {
                // cannot happen for a key the direct parse accepted; the direct identity still serves
            } finally {
                if (age != null) Arrays.fill(age, (byte) 0);
            }
        }
        return new SshKeyIdentities(direct, pub, converted);
    }
}
