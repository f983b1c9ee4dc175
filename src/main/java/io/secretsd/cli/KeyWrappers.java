package io.secretsd.cli;

import io.secretsd.pgp.GnupgHome;
import io.secretsd.pgp.PgpPublicKey;
import io.secretsd.sops.AgeKeyWrapper;
import io.secretsd.sops.DataKeys.KeyWrapper;
import io.secretsd.sops.MasterKey;
import io.secretsd.sops.PgpKeyWrapper;
import io.secretsd.sops.config.KeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns named keys (from a creation rule, a flag, or a file's own key groups) into what seals a data key.
 * age recipients are parsed here; OpenPGP fingerprints are looked up in the GnuPG home (or read from a public
 * key file); cloud KMS and Vault keys cannot be encrypted to, only kept as a file already has them.
 */
final class KeyWrappers {
    private final Path gnupgHome;

    KeyWrappers(Path gnupgHome) {
        this.gnupgHome = gnupgHome;
    }

    List<List<KeyWrapper>> groups(List<List<KeySpec>> specs) throws IOException {
        List<List<KeyWrapper>> out = new ArrayList<>();
        for (List<KeySpec> g : specs) {
            List<KeyWrapper> ws = new ArrayList<>();
            for (KeySpec k : g) ws.add(of(k));
            out.add(ws);
        }
        return out;
    }

    KeyWrapper of(KeySpec k) throws IOException {
        return switch (k) {
            case KeySpec.Age a -> age(a.recipient());
            case KeySpec.Pgp p -> new PgpKeyWrapper(pgpKey(p.fingerprint()));
            case KeySpec.Foreign f -> throw unsupported(f.type(), f.id());
        };
    }

    /** A wrapper that encrypts anew to the key an existing entry names. */
    KeyWrapper of(MasterKey k) throws IOException {
        return switch (k) {
            case MasterKey.AgeKey a -> age(a.recipient());
            case MasterKey.PgpKey p -> new PgpKeyWrapper(pgpKey(p.fingerprint()));
            default -> throw unsupported(k.typeName(), k.id());
        };
    }

    /** Keeps an existing entry as it is: valid only where the data key it holds stays the same. */
    static KeyWrapper keep(MasterKey k) {
        return part -> k;
    }

    static KeySpec spec(MasterKey k) {
        return switch (k) {
            case MasterKey.AgeKey a -> new KeySpec.Age(a.recipient());
            case MasterKey.PgpKey p -> new KeySpec.Pgp(p.fingerprint());
            default -> new KeySpec.Foreign(k.typeName(), k.id());
        };
    }

    private static KeyWrapper age(String recipient) throws IOException {
        try {
            return AgeKeyWrapper.of(recipient);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("age recipient " + abbreviate(recipient) + ": " + e.getMessage(), e);
        }
    }

    private PgpPublicKey pgpKey(String keyOrFingerprint) throws IOException {
        Path p = Path.of(keyOrFingerprint);
        if (Files.isRegularFile(p)) return PgpPublicKey.parse(p);
        GnupgHome home = gnupgHome == null ? GnupgHome.fromEnvironment() : GnupgHome.at(gnupgHome);
        return home.exportPublicKey(keyOrFingerprint.replace(" ", ""));
    }

    private static IOException unsupported(String type, String id) {
        return new IOException(type + " key " + id + ": secretsd cannot encrypt to " + type + " keys (only keep them as a file has them)");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
