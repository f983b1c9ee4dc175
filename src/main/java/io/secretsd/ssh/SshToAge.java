package io.secretsd.ssh;

import io.secretsd.age.Bech32;
import java.util.ArrayList;
import java.util.List;

/**
 * Mic92/ssh-to-age (convert.go): an ssh-ed25519 key as a plain X25519 age key pair. The result uses
 * X25519 stanzas, not ssh-ed25519 ones (no tweak), so it does not decrypt files made with
 * {@code age -R id_ed25519.pub}, nor the other way round.
 */
public final class SshToAge {
    private SshToAge() {}

    /** One input line's outcome: the {@code age1…} recipient, or why the line was skipped. */
    public sealed interface Converted {
        record Recipient(String line, String recipient) implements Converted {}
        record Skipped(String line, UnsupportedKeyTypeException reason) implements Converted {}
    }

    /**
     * Converts one public key line: authorized_keys form when it starts with a key type, known_hosts
     * form otherwise (so ssh-keyscan output works). Only ssh-ed25519 converts. ssh-to-age tests for
     * {@code ssh-} only; also taking {@code ecdsa-} and {@code sk-} here lets those lines be reported as
     * skipped types rather than as malformed host lines.
     */
    public static String publicKeyToAge(String line) throws SshKeyException {
        String trimmed = line.strip();
        SshPublicKey key = KeyLines.looksLikeKeyType(trimmed) ? SshPublicKey.parse(trimmed) : SshPublicKey.parseKnownHosts(trimmed);
        if (!(key instanceof SshPublicKey.Ed25519 ed)) {
            throw new UnsupportedKeyTypeException(key.type(), "got " + key.type() + " key type but only ed25519 keys are supported");
        }
        return recipient(ed);
    }

    /**
     * Converts every key in a file (authorized_keys, .pub, known_hosts or ssh-keyscan output), skipping
     * empty and {@code #} lines, and reporting keys of other types as skipped, as ssh-to-age's command does.
     */
    public static List<Converted> publicKeysToAge(String text) throws SshKeyException {
        List<Converted> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            try {
                out.add(new Converted.Recipient(t, publicKeyToAge(t)));
            } catch (UnsupportedKeyTypeException e) {
                out.add(new Converted.Skipped(t, e));
            }
        }
        return out;
    }

    /** {@code age1…}: Bech32 of the Montgomery u coordinate of the Ed25519 point. */
    public static String recipient(SshPublicKey.Ed25519 key) {
        return Bech32.encode("age", key.montgomeryU());
    }

    /**
     * {@code AGE-SECRET-KEY-1…} as ASCII bytes (the caller wipes them): SHA-512(seed)[:32] unclamped,
     * uppercase, exactly as ssh-to-age prints it. X25519 clamps the scalar when it is used.
     */
    public static byte[] identity(SshPrivateKey.Ed25519 key) {
        byte[] scalar = key.x25519Scalar();
        try {
            return Bech32.encodeAscii("AGE-SECRET-KEY-", scalar); // an uppercase HRP gives an uppercase string
        } finally {
            java.util.Arrays.fill(scalar, (byte) 0);
        }
    }

    /** Parses a private key file (see {@link SshPrivateKey#parse}) and converts it; only ssh-ed25519 converts. */
    public static byte[] privateKeyToAge(byte[] file, byte[] passphrase) throws SshKeyException {
        try (SshPrivateKey key = SshPrivateKey.parse(file, passphrase)) {
            if (!(key instanceof SshPrivateKey.Ed25519 ed)) {
                throw new UnsupportedKeyTypeException(key.publicKey().type(),
                        "got " + key.publicKey().type() + " key type but only ed25519 keys are supported");
            }
            return identity(ed);
        }
    }
}
