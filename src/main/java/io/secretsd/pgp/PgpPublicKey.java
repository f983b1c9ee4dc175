package io.secretsd.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** An OpenPGP certificate (primary public key, user IDs, subkeys) that data keys can be encrypted to. */
public final class PgpPublicKey {
    private final PGPPublicKeyRing ring;

    PgpPublicKey(PGPPublicKeyRing ring) {
        this.ring = ring;
    }

    /**
     * Every certificate in an armored or binary key file ({@code gpg --export [--armor]}); the public
     * part of secret keys is taken as well.
     */
    public static List<PgpPublicKey> parseAll(byte[] keyFile, String source) throws PgpException {
        List<PgpPublicKey> keys = new ArrayList<>();
        for (byte[] block : PgpInput.dearmor(keyFile, source)) {
            var factory = new PGPObjectFactory(block, new BcKeyFingerprintCalculator());
            while (true) {
                Object o = PgpInput.guard(source + ": reading key packets", factory::nextObject);
                if (o == null) break;
                switch (o) {
                    case PGPPublicKeyRing ring -> keys.add(new PgpPublicKey(ring));
                    case PGPSecretKeyRing ring -> keys.add(PgpInput.guard(source, () -> new PgpPublicKey(ring.toCertificate())));
                    case PGPMarker ignored -> { }
                    default -> throw new MalformedPgpException(source + ": expected an OpenPGP public key, found "
                            + o.getClass().getSimpleName().replaceFirst("^PGP", ""));
                }
            }
        }
        if (keys.isEmpty()) throw new MalformedPgpException(source + ": no OpenPGP key in the file");
        return keys;
    }

    /** The single certificate of a key file; a file with several is an error naming them. */
    public static PgpPublicKey parse(byte[] keyFile, String source) throws PgpException {
        List<PgpPublicKey> keys = parseAll(keyFile, source);
        if (keys.size() != 1) {
            throw new MalformedPgpException(source + ": holds " + keys.size() + " keys ("
                    + String.join(", ", keys.stream().map(PgpPublicKey::fingerprint).toList()) + "), expected one");
        }
        return keys.getFirst();
    }

    public static PgpPublicKey parse(Path keyFile) throws IOException {
        return parse(Files.readAllBytes(keyFile), keyFile.toString());
    }

    /** The primary key's fingerprint, upper-case hex, as sops writes it in {@code fp}. */
    public String fingerprint() {
        return Fingerprints.of(ring.getPublicKey());
    }

    /** The fingerprints of the primary key and all subkeys. */
    public List<String> keyFingerprints() {
        List<String> all = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(k -> all.add(Fingerprints.of(k)));
        return all;
    }

    public List<String> userIds() {
        List<String> ids = new ArrayList<>();
        ring.getPublicKey().getUserIDs().forEachRemaining(ids::add);
        return ids;
    }

    /** The certificate as an armored {@code PGP PUBLIC KEY BLOCK}, as {@code gpg --export --armor} writes it. */
    public byte[] armored() {
        try {
            var out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                ring.encode(armor, true);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
    }

    PGPPublicKeyRing ring() {
        return ring;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgpPublicKey other && fingerprint().equals(other.fingerprint());
    }

    @Override
    public int hashCode() {
        return fingerprint().hashCode();
    }

    @Override
    public String toString() {
        return "PgpPublicKey[" + fingerprint() + "]";
    }
}
