package io.secretsd.pgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where PGP secret keys are: the CLI's {@code --pgp-key F [--pgp-passphrase-file P]}, the manifest's
 * {@code sshKeyPaths} (RSA host keys) and {@code gnupgHome}.
 */
public sealed interface PgpKeyLocation {

    /** Opens the source: reads and unlocks key files now, so that their errors name them early. */
    PgpDecryptor open() throws IOException;

    /**
     * An armored or binary OpenPGP secret key file; {@code passphraseFile} (or null) holds the passphrase,
     * of which only the first line counts, as with gpg's {@code --passphrase-file}.
     */
    record SecretKeyFile(Path keyFile, Path passphraseFile) implements PgpKeyLocation {
        @Override
        public PgpKeyring open() throws IOException {
            if (passphraseFile == null) return PgpKeyring.readSecretKeys(keyFile, null);
            byte[] content = Files.readAllBytes(passphraseFile);
            byte[] passphrase = firstLine(content);
            try {
                return PgpKeyring.readSecretKeys(keyFile, passphrase);
            } finally {
                Arrays.fill(content, (byte) 0);
                Arrays.fill(passphrase, (byte) 0);
            }
        }

        private static byte[] firstLine(byte[] content) {
            int end = 0;
            while (end < content.length && content[end] != '\n') end++;
            if (end > 0 && content[end - 1] == '\r') end--;
            return Arrays.copyOf(content, end);
        }
    }

    /** An RSA SSH private key, converted as sops-nix converts host keys. */
    record SshRsaKeyFile(Path keyFile) implements PgpKeyLocation {
        @Override
        public PgpKeyring open() throws IOException {
            return PgpKeyring.fromSshRsaKey(keyFile);
        }
    }

    /** A GnuPG home used through gpg; null means sops' default ({@code $GNUPGHOME}, else {@code ~/.gnupg}). */
    record GnupgHomeDir(Path home) implements PgpKeyLocation {
        @Override
        public GnupgHome open() {
            return home == null ? GnupgHome.fromEnvironment() : GnupgHome.at(home);
        }
    }

    /**
     * Opens all sources: the key files and SSH keys as one keyring (first, when there are any), then each
     * GnuPG home, in the order given. A caller tries them in turn.
     */
    static List<PgpDecryptor> openAll(List<? extends PgpKeyLocation> sources) throws IOException {
        PgpKeyring keyring = PgpKeyring.empty();
        boolean anyKeys = false;
        List<PgpDecryptor> homes = new ArrayList<>();
        for (PgpKeyLocation source : sources) {
            switch (source.open()) {
                case PgpKeyring k -> {
                    keyring = keyring.plus(k);
                    anyKeys = true;
                }
                case GnupgHome h -> homes.add(h);
            }
        }
        List<PgpDecryptor> all = new ArrayList<>();
        if (anyKeys) all.add(keyring);
        all.addAll(homes);
        return all;
    }
}
