package io.secretsd.sops;

import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import io.secretsd.ssh.SshEncryptedIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where sops finds age identities, plus explicit files: age key files, {@code SOPS_AGE_KEY},
 * {@code SOPS_AGE_KEY_FILE} (else the default {@code sops/age/keys.txt}), {@code SOPS_AGE_SSH_PRIVATE_KEY_FILE}
 * and {@code ~/.ssh/id_ed25519}/{@code id_rsa}. An SSH key serves both ways real files need: directly for
 * {@code ssh-ed25519}/{@code ssh-rsa} stanzas, and (ed25519) converted with ssh-to-age for files encrypted to
 * the converted {@code age1…} recipient, as sops-nix hosts are set up. The environment is a map, so tests
 * and the daemon decide what it holds. Loading never fails: problems are collected for the error message.
 */
public final class AgeIdentities {
    private AgeIdentities() {}

    /** The identities found and, per file or variable that could not be used, why (no key material). */
    public record Loaded(List<Identity> identities, List<String> problems) {
        public Loaded {
            identities = List.copyOf(identities);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Loads identities.
     *
     * @param ageKeyFiles explicit age identity files (CLI {@code --age-key-file}, sops-nix {@code ageKeyFile})
     * @param sshKeyFiles explicit SSH private keys (CLI {@code --ssh-key}, sops-nix {@code ageSshKeyPaths})
     * @param env the environment to read the {@code SOPS_AGE_*} variables from; an empty map ignores them
     * @param home the home directory for the default locations, or null to skip them
     * @param passphrase asked for an encrypted SSH key once a stanza is addressed to it; null = such keys fail
     */
    public static Loaded load(List<Path> ageKeyFiles, List<Path> sshKeyFiles, Map<String, String> env, Path home,
                              SshEncryptedIdentity.PassphraseSource passphrase) {
        List<Identity> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : ageKeyFiles) ageFile(p, true, ids, problems);
        for (Path p : sshKeyFiles) sshFile(p, true, passphrase, ids, problems);

        String key = env.get("SOPS_AGE_KEY");
        if (key != null && !key.isBlank()) {
            // sops 3.13 accepts several space-separated keys per line
            StringBuilder lines = new StringBuilder();
            for (String line : key.split("\n")) {
                if (line.strip().startsWith("#")) continue;
                for (String t : line.strip().split("\\s+")) if (!t.isEmpty()) lines.append(t).append('\n');
            }
            byte[] content = lines.toString().getBytes(StandardCharsets.US_ASCII);
            try {
                ids.addAll(IdentityFile.parse("SOPS_AGE_KEY", content));
            } catch (IOException e) {
                problems.add(e.getMessage());
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        }
        if (isSet(env, "SOPS_AGE_KEY_FILE")) ageFile(Path.of(env.get("SOPS_AGE_KEY_FILE")), true, ids, problems);
        // sops reads the default file as well as SOPS_AGE_KEY_FILE, not instead of it
        Path config = isSet(env, "XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME")) : home == null ? null : home.resolve(".config");
        if (config != null) ageFile(config.resolve("sops/age/keys.txt"), false, ids, problems);
        if (isSet(env, "SOPS_AGE_SSH_PRIVATE_KEY_FILE")) {
            sshFile(Path.of(env.get("SOPS_AGE_SSH_PRIVATE_KEY_FILE")), true, passphrase, ids, problems);
        }
        // SOPS_AGE_KEY_CMD and SOPS_AGE_SSH_PRIVATE_KEY_CMD are asked per recipient: see CommandAgeKeys
        if (home != null) {
            sshFile(home.resolve(".ssh/id_ed25519"), false, passphrase, ids, problems);
            sshFile(home.resolve(".ssh/id_rsa"), false, passphrase, ids, problems);
        }
        return new Loaded(ids, problems);
    }

    /** The environment of this process and the user's home: what {@code sops} itself would use. */
    public static Loaded fromProcess(List<Path> ageKeyFiles, List<Path> sshKeyFiles) {
        String env = System.getenv("HOME");
        String home = env != null && !env.isEmpty() ? env : System.getProperty("user.home");
        return load(ageKeyFiles, sshKeyFiles, System.getenv(), home == null ? null : Path.of(home), null);
    }

    /** Identities of an age key file, each named with the file it came from. */
    public static List<Identity> named(List<? extends Identity> ids, Object file) {
        return ids.stream().map(i -> Identity.named(i, i.describe() + " from " + file)).toList();
    }

    private static void ageFile(Path p, boolean explicit, List<Identity> ids, List<String> problems) {
        byte[] content = null;
        try {
            content = Files.readAllBytes(p);
            ids.addAll(named(IdentityFile.parse(p.toString(), content), p));
        } catch (NoSuchFileException e) {
            if (explicit) problems.add(p + ": no such file");
        } catch (IOException e) {
            problems.add(e.getMessage() != null && e.getMessage().contains(p.toString()) ? e.getMessage() : p + ": " + e.getMessage());
        } finally {
            if (content != null) Arrays.fill(content, (byte) 0);
        }
    }

    private static void sshFile(Path p, boolean explicit, SshEncryptedIdentity.PassphraseSource passphrase, List<Identity> ids,
                                List<String> problems) {
        byte[] content = null;
        try {
            content = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            if (explicit) problems.add(p + ": no such file");
            return;
        } catch (IOException e) {
            problems.add(p + ": " + e.getMessage());
            return;
        }
        sshKey(p.toString(), content, passphrase, ids, problems);
    }

    /** An SSH private key (wiped here) as an identity, directly and, for ed25519, through ssh-to-age. */
    static void sshKey(String p, byte[] content, SshEncryptedIdentity.PassphraseSource passphrase, List<Identity> ids,
                               List<String> problems) {
        try {
            ids.addAll(SshKeyIdentities.of(content, passphrase).all("key", p));
        } catch (IOException e) {
            problems.add(p + ": " + e.getMessage());
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isEmpty();
    }
}
