package io.secretsd.activation;

import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import io.secretsd.errors.Errors;
import io.secretsd.manifest.Format;
import io.secretsd.pgp.GnupgHome;
import io.secretsd.pgp.PgpDecryptor;
import io.secretsd.pgp.PgpKeyring;
import io.secretsd.pgp.PgpUnsupportedException;
import io.secretsd.sops.AgeKeySource;
import io.secretsd.sops.DataKeyException;
import io.secretsd.sops.DataKeySource;
import io.secretsd.sops.Extract;
import io.secretsd.sops.ExtractException;
import io.secretsd.sops.KeySources;
import io.secretsd.sops.KeyUnwrapException;
import io.secretsd.sops.MacMismatchException;
import io.secretsd.sops.OpenPgpKeySource;
import io.secretsd.sops.Sops;
import io.secretsd.sops.SopsException;
import io.secretsd.sops.SopsFormatException;
import io.secretsd.sops.SshKeyIdentities;
import io.secretsd.sops.ValueCryptoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real {@link SecretSourceFactory}: the manifest's keys loaded in memory only (age key file; every SSH host
 * key as an age identity both directly and, ed25519, converted as ssh-to-age does; RSA host keys in
 * {@code sshKeyPaths} also converted to OpenPGP as sops-nix does; a GnuPG home through
 * the {@code gpg} binary), and sops files decrypted with {@code io.secretsd.sops}. Unlike sops-install-secrets,
 * no {@code age-keys.txt} and no temporary GnuPG home is written to the secrets mount.
 */
public final class SopsSecrets implements SecretSourceFactory {
    private final Map<String, String> environment;

    /** {@code environment} supplies {@code SOPS_GPG_EXEC} for a {@code gnupgHome}. */
    public SopsSecrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public SopsSecrets() {
        this(System.getenv());
    }

    @Override
    public SecretSource open(KeyInputs keys, KeyReport report) {
        List<Identity> identities = new ArrayList<>();
        // Every host key serves as an age identity both ways (see SshKeyIdentities), whichever list names it.
        Set<Path> ageSeen = new LinkedHashSet<>();
        for (Path p : keys.ageSshKeyPaths()) {
            if (ageSeen.add(p)) ageFromSsh(p, report, identities, true);
        }
        for (Path p : keys.sshKeyPaths()) {
            if (ageSeen.add(p)) ageFromSsh(p, report, identities, false);
        }
        keys.ageKeyFile().ifPresent(p -> {
            byte[] file = null;
            try {
                file = Files.readAllBytes(p);
                identities.addAll(io.secretsd.sops.AgeIdentities.named(IdentityFile.parse(p.toString(), file), p));
            } catch (IOException e) {
                report.failed(p, Errors.reason(e, p));
            } finally {
                wipe(file);
            }
        });
        List<PgpDecryptor> pgp = new ArrayList<>();
        for (Path p : keys.sshKeyPaths()) {
            try {
                PgpKeyring k = PgpKeyring.fromSshRsaKey(p);
                pgp.add(k);
                k.fingerprints().forEach(fp -> report.imported(p, "GPG", fp.toLowerCase(Locale.ROOT)));
            } catch (PgpUnsupportedException e) {
                // an ed25519 key has no OpenPGP form; it still serves as an age identity (reported above)
            } catch (IOException e) {
                report.failed(p, "cannot convert the SSH key to OpenPGP: " + Errors.reason(e, p));
            }
        }
        keys.gnupgHome().ifPresent(h -> pgp.add(GnupgHome.at(h, environment)));
        DataKeySource age = new AgeKeySource(identities, List.of());
        return new Source(new KeySources(age, new OpenPgpKeySource(pgp, List.of())));
    }

    /**
     * The key directly and (ed25519) converted. A key named only in {@code sshKeyPaths} that cannot be read as
     * an SSH key is reported by the OpenPGP conversion, so it is not reported twice.
     */
    private static void ageFromSsh(Path p, KeyReport report, List<Identity> identities, boolean reportFailure) {
        byte[] file = null;
        try {
            file = Files.readAllBytes(p);
            SshKeyIdentities k = SshKeyIdentities.of(file, null);
            identities.addAll(k.all("host key", p));
            report.imported(p, k.sshKey().type(), k.sshKey().fingerprint());
            k.converted().ifPresent(c -> report.imported(p, "age", c.recipient().toString()));
        } catch (IOException e) {
            if (reportFailure) report.failed(p, Errors.reason(e, p));
        } finally {
            wipe(file);
        }
    }

    private record Source(DataKeySource keys) implements SecretSource {
        @Override
        public DecryptedFile decrypt(Path sopsFile, Format format) throws SourceException {
            Sops.SopsFile parsed = load(sopsFile, format);
            Sops.Decrypted d;
            try {
                d = Sops.decrypt(parsed, keys, false);
            } catch (SopsException e) {
                throw translate(e);
            }
            return new DecryptedFile() {
                @Override
                public byte[] value(String key) throws SourceException {
                    try {
                        if (key.isEmpty() || format.wholeFileOnly()) {
                            return d.file().format().store().emitPlain(d.document());
                        }
                        return Extract.sopsNixKey(d.document(), key);
                    } catch (SopsException e) {
                        throw translate(e);
                    }
                }

                @Override
                public void close() {
                    d.close();
                }
            };
        }

        @Override
        public List<String> missingKeys(Path sopsFile, Format format, List<String> keys) throws SourceException {
            Sops.SopsFile parsed = load(sopsFile, format);
            List<String> out = new ArrayList<>();
            if (format.wholeFileOnly()) {
                return out;
            }
            for (String k : keys) {
                try {
                    Extract.sopsNixKey(parsed.document(), k);
                } catch (ExtractException e) {
                    out.add(sopsFile + ": key " + k + " is not valid: " + Errors.reason(e, sopsFile));
                }
            }
            return out;
        }

        private static Sops.SopsFile load(Path sopsFile, Format format) throws SourceException {
            byte[] bytes;
            try {
                bytes = io.secretsd.sops.Limits.readFile(sopsFile);
            } catch (SopsException e) {
                throw translate(e);
            } catch (IOException e) {
                throw new SourceException(SourceException.Reason.UNREADABLE, sopsFile + ": cannot read: " + Errors.reason(e));
            }
            try {
                return Sops.load(sopsFile.toString(), bytes, sopsFormat(format));
            } catch (SopsException e) {
                throw translate(e);
            }
        }
    }

    static io.secretsd.sops.Format sopsFormat(Format f) {
        return switch (f) {
            case YAML -> io.secretsd.sops.Format.YAML;
            case JSON -> io.secretsd.sops.Format.JSON;
            case BINARY -> io.secretsd.sops.Format.BINARY;
            case DOTENV -> io.secretsd.sops.Format.DOTENV;
            case INI -> io.secretsd.sops.Format.INI;
        };
    }

    private static SourceException translate(SopsException e) {
        SourceException.Reason r = switch (e) {
            case DataKeyException x -> SourceException.Reason.NO_MATCHING_KEY;
            case KeyUnwrapException x -> SourceException.Reason.NO_MATCHING_KEY;
            case MacMismatchException x -> SourceException.Reason.INTEGRITY;
            case ValueCryptoException x -> SourceException.Reason.INTEGRITY;
            case SopsFormatException x -> SourceException.Reason.MALFORMED;
            case ExtractException x -> e.getMessage().contains("cannot be found") ? SourceException.Reason.KEY_NOT_FOUND
                    : SourceException.Reason.WRONG_TYPE;
            default -> SourceException.Reason.OTHER;
        };
        return new SourceException(r, oneLine(e.getMessage()), e);
    }

    /** sops joins the reasons of each master key with newlines; the activation report is one line per failure. */
    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", "; ");
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
