package io.secretsd.cli;

import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.KeyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The key options shared by the sops commands; with none given, sops' own environment and defaults apply. */
final class SopsKeyOptions {
    @Option(names = "--age-key-file", paramLabel = "FILE", description = "age identity file (also SOPS_AGE_KEY, SOPS_AGE_KEY_FILE)")
    List<Path> ageKeyFiles = new ArrayList<>();

    @Option(names = "--ssh-key", paramLabel = "FILE",
            description = "SSH private key: ssh-ed25519/ssh-rsa age stanzas, ssh-to-age, and (RSA) the sops-nix OpenPGP form")
    List<Path> sshKeys = new ArrayList<>();

    @Option(names = "--pgp-key", paramLabel = "FILE", description = "armored or binary OpenPGP secret key file")
    List<Path> pgpKeys = new ArrayList<>();

    @Option(names = "--pgp-passphrase-file", paramLabel = "FILE", description = "passphrase of the --pgp-key files")
    Path pgpPassphraseFile;

    @Option(names = "--gnupg-home", paramLabel = "DIR", description = "GnuPG home used through gpg (default: $GNUPGHOME or ~/.gnupg)")
    Path gnupgHome;

    DataKeySource open() {
        // sops' default key locations follow $HOME (Java's user.home is the passwd entry, which sudo -E or a
        // test's HOME= would not change)
        String env = System.getenv("HOME");
        String home = env != null && !env.isEmpty() ? env : System.getProperty("user.home");
        return new KeyConfig(ageKeyFiles, sshKeys, sshKeys, pgpKeys, pgpPassphraseFile, gnupgHome, System.getenv(),
                home == null ? null : Path.of(home)).open();
    }
}
