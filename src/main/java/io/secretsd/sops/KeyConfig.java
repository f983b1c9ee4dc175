package io.secretsd.sops;

import io.secretsd.pgp.GnupgHome;
import io.secretsd.pgp.PgpDecryptor;
import io.secretsd.pgp.PgpKeyLocation;
import io.secretsd.pgp.PgpKeyring;
import io.secretsd.pgp.PgpUnsupportedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the keys that open sops files come from: the command line's or the manifest's key files, and
 * (for the command line) the environment and default locations sops itself reads.
 *
 * @param ageKeyFiles age identity files
 * @param sshKeyFiles SSH private keys used as age identities (ssh-ed25519/ssh-rsa stanzas and ssh-to-age)
 * @param sshRsaPgpKeyFiles RSA SSH private keys converted to OpenPGP keys as sops-nix does
 * @param pgpKeyFiles armored or binary OpenPGP secret keys
 * @param pgpPassphraseFile passphrase for the OpenPGP key files, or null
 * @param gnupgHome a GnuPG home used through gpg, or null
 * @param environment the SOPS_AGE_* / GNUPGHOME variables to honour; empty to ignore them
 * @param home the home directory for sops' default key locations, or null to skip them
 */
public record KeyConfig(List<Path> ageKeyFiles, List<Path> sshKeyFiles, List<Path> sshRsaPgpKeyFiles, List<Path> pgpKeyFiles,
                        Path pgpPassphraseFile, Path gnupgHome, Map<String, String> environment, Path home) {
    public KeyConfig {
        ageKeyFiles = List.copyOf(ageKeyFiles);
        sshKeyFiles = List.copyOf(sshKeyFiles);
        sshRsaPgpKeyFiles = List.copyOf(sshRsaPgpKeyFiles);
        pgpKeyFiles = List.copyOf(pgpKeyFiles);
        environment = Map.copyOf(environment);
    }

    /**
     * Loads every key now. Unreadable or wrong keys do not fail here: they are reported with the entries
     * they could not open, so a file that another key opens still decrypts.
     */
    public DataKeySource open() {
        DataKeySource age = CommandAgeKeys.wrap(AgeKeySource.of(AgeIdentities.load(ageKeyFiles, sshKeyFiles, environment, home, null)),
                environment);
        List<PgpDecryptor> pgp = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        PgpKeyring keyring = PgpKeyring.empty();
        for (Path p : pgpKeyFiles) keyring = add(keyring, new PgpKeyLocation.SecretKeyFile(p, pgpPassphraseFile), problems);
        for (Path p : sshRsaPgpKeyFiles) keyring = add(keyring, new PgpKeyLocation.SshRsaKeyFile(p), problems);
        if (!keyring.fingerprints().isEmpty()) pgp.add(keyring);
        if (gnupgHome != null) {
            pgp.add(GnupgHome.at(gnupgHome, environment));
        } else if (pgpKeyFiles.isEmpty() && !environment.isEmpty()) {
            // sops' own default: the user's GnuPG home through gpg
            pgp.add(GnupgHome.fromEnvironment(environment));
        }
        return new KeySources(age, new OpenPgpKeySource(pgp, problems));
    }

    private static PgpKeyring add(PgpKeyring keyring, PgpKeyLocation location, List<String> problems) {
        try {
            return keyring.plus((PgpKeyring) location.open());
        } catch (PgpUnsupportedException e) {
            // an ed25519 SSH key has no OpenPGP form; it still serves as an age identity
            if (!(location instanceof PgpKeyLocation.SshRsaKeyFile)) problems.add(e.getMessage());
            return keyring;
        } catch (IOException e) {
            problems.add(e.getMessage());
            return keyring;
        }
    }
}
