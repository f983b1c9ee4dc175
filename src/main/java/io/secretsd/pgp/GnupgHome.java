package io.secretsd.pgp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A GnuPG home used through the {@code gpg} binary, as sops falls back to it: {@code gpg
 * --no-default-keyring --homedir H --use-agent -d}, with the binary named by {@code SOPS_GPG_EXEC} when
 * that is an absolute path. gpg's error text is passed on in the exception when it fails.
 */
public final class GnupgHome implements PgpDecryptor {
    static final String SOPS_GPG_EXEC = "SOPS_GPG_EXEC";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final String executable;

    private GnupgHome(Path home, String executable) {
        this.home = home;
        this.executable = executable;
    }

    /** The GnuPG home at {@code home} (the manifest's {@code gnupgHome}), gpg as the environment names it. */
    public static GnupgHome at(Path home) {
        return at(home, System.getenv());
    }

    /** As {@link #at(Path)} with {@code SOPS_GPG_EXEC} read from {@code environment}. */
    public static GnupgHome at(Path home, Map<String, String> environment) {
        return new GnupgHome(home.toAbsolutePath(), executable(environment));
    }

    /** The home sops uses without one configured: {@code $GNUPGHOME}, else {@code ~/.gnupg}. */
    public static GnupgHome fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static GnupgHome fromEnvironment(Map<String, String> environment) {
        String dir = environment.get("GNUPGHOME");
        Path home = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".gnupg");
        return at(home, environment);
    }

    /** sops honours SOPS_GPG_EXEC only when it is an absolute path; otherwise gpg is found on PATH. */
    private static String executable(Map<String, String> environment) {
        String exec = environment.get(SOPS_GPG_EXEC);
        return exec != null && Path.of(exec).isAbsolute() ? exec : "gpg";
    }

    public Path home() {
        return home;
    }

    public String executable() {
        return executable;
    }

    /**
     * Runs {@code gpg -d} on the message; gpg chooses the key from the home (the fingerprint only names
     * the attempt in messages, as in sops).
     */
    @Override
    public byte[] decrypt(byte[] message, String wantedFingerprint) throws PgpException {
        String fp = wantedFingerprint == null ? "any key" : "fingerprint " + Fingerprints.normalize(wantedFingerprint);
        String what = "decrypting the data key for " + fp + " with GnuPG home " + home;
        GpgProcess.Result result = GpgProcess.run(executable, args("--use-agent", "-d"), message, TIMEOUT, what);
        if (result.status() != 0) {
            Arrays.fill(result.stdout(), (byte) 0);
            throw new GpgException(what + ": gpg exited with status " + result.status() + ": " + result.stderr(),
                    result.status());
        }
        return result.stdout();
    }

    /** The public key for a fingerprint, as {@code gpg --export} gives it, to encrypt data keys to. */
    public PgpPublicKey exportPublicKey(String fingerprint) throws PgpException {
        String fp = Fingerprints.normalize(fingerprint);
        String what = "exporting public key " + fp + " from GnuPG home " + home;
        GpgProcess.Result result = GpgProcess.run(executable, args("--export", fp), new byte[0], TIMEOUT, what);
        if (result.status() != 0) {
            throw new GpgException(what + ": gpg exited with status " + result.status() + ": " + result.stderr(),
                    result.status());
        }
        if (result.stdout().length == 0) {
            throw new PgpKeyNotFoundException("no public key " + fp + " in GnuPG home " + home
                    + (result.stderr().isEmpty() ? "" : ": " + result.stderr()));
        }
        return PgpPublicKey.parse(result.stdout(), what);
    }

    private List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of("--no-default-keyring", "--homedir", home.toString(), "--batch"));
        args.addAll(List.of(command));
        return args;
    }

    @Override
    public String toString() {
        return "GnupgHome[" + home + ", " + executable + "]";
    }
}
