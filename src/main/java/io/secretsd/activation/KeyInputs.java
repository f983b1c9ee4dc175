package io.secretsd.activation;

import io.secretsd.manifest.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The key material a manifest names. The {@link SecretSourceFactory} turns it into identities in memory;
 * unlike sops-install-secrets nothing converted is written to disk (no {@code age-keys.txt}, no temporary
 * GnuPG home on the secrets mount).
 *
 * @param ageKeyFile     age identity file
 * @param ageSshKeyPaths SSH private keys, used as age identities (ssh-ed25519/ssh-rsa stanzas and ssh-to-age)
 * @param sshKeyPaths    SSH private keys, used as age identities too and (RSA) converted to OpenPGP keys
 * @param gnupgHome      a GnuPG home whose secret keys are used
 */
public record KeyInputs(Optional<Path> ageKeyFile, List<Path> ageSshKeyPaths, List<Path> sshKeyPaths,
                        Optional<Path> gnupgHome) {
    public KeyInputs {
        ageSshKeyPaths = List.copyOf(ageSshKeyPaths);
        sshKeyPaths = List.copyOf(sshKeyPaths);
    }

    public static final KeyInputs NONE = new KeyInputs(Optional.empty(), List.of(), List.of(), Optional.empty());

    public static KeyInputs of(Manifest m) {
        return new KeyInputs(m.ageKeyFile().map(Path::of),
                m.ageSshKeyPaths().stream().map(Path::of).toList(),
                m.sshKeyPaths().stream().map(Path::of).toList(),
                m.gnupgHome().map(Path::of));
    }
}
