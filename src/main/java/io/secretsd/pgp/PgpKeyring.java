package io.secretsd.pgp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;

/**
 * OpenPGP secret keys held in process: from secret key files and from RSA SSH host keys converted as
 * sops-nix converts them. Immutable; {@link #plus} combines keyrings.
 */
public final class PgpKeyring implements PgpDecryptor {
    private final List<SecretCert> certs;

    private PgpKeyring(List<SecretCert> certs) {
        this.certs = List.copyOf(certs);
    }

    public static PgpKeyring empty() {
        return new PgpKeyring(List.of());
    }

    /**
     * Reads an armored or binary secret key file ({@code gpg --export-secret-keys}); every key in it
     * with its subkeys. The secret parts of encryption keys are unlocked now.
     *
     * @param passphrase for protected keys, or null; the caller keeps and wipes it
     * @param source     names the file in messages
     */
    public static PgpKeyring readSecretKeys(byte[] keyFile, char[] passphrase, String source) throws PgpException {
        return new PgpKeyring(SecretKeyFiles.read(keyFile, passphrase, source));
    }

    /** As {@link #readSecretKeys(byte[], char[], String)} with the passphrase as UTF-8 bytes, used exactly. */
    public static PgpKeyring readSecretKeys(byte[] keyFile, byte[] passphrase, String source) throws PgpException {
        if (passphrase == null) return readSecretKeys(keyFile, (char[]) null, source);
        char[] chars = utf8(passphrase, source);
        try {
            return readSecretKeys(keyFile, chars, source);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public static PgpKeyring readSecretKeys(Path keyFile, byte[] passphrase) throws IOException {
        return readSecretKeys(Files.readAllBytes(keyFile), passphrase, keyFile.toString());
    }

    /**
     * Converts an RSA SSH private key (OpenSSH or PEM) into the OpenPGP key sops-nix makes of it:
     * created at time 0, user ID {@code root (Imported from SSH) <root@localhost>}.
     * Other key types fail with {@link PgpUnsupportedException}.
     *
     * @param passphrase for an encrypted key, or null; the caller keeps and wipes it
     */
    public static PgpKeyring fromSshRsaKey(byte[] privateKeyFile, byte[] passphrase, String source) throws PgpException {
        return new PgpKeyring(List.of(SshToPgp.convert(SshRsaKeys.parse(privateKeyFile, passphrase, source), source)));
    }

    public static PgpKeyring fromSshRsaKey(byte[] privateKeyFile, String source) throws PgpException {
        return fromSshRsaKey(privateKeyFile, null, source);
    }

    public static PgpKeyring fromSshRsaKey(Path privateKeyFile) throws IOException {
        return fromSshRsaKey(Files.readAllBytes(privateKeyFile), null, privateKeyFile.toString());
    }

    /** This keyring's keys followed by the other's. */
    public PgpKeyring plus(PgpKeyring other) {
        List<SecretCert> all = new ArrayList<>(certs);
        all.addAll(other.certs);
        return new PgpKeyring(all);
    }

    /** The primary key fingerprints, upper-case hex, in load order. */
    public List<String> fingerprints() {
        return certs.stream().map(SecretCert::fingerprint).toList();
    }

    /** The public key (certificate) for a primary or subkey fingerprint, to encrypt to. */
    public Optional<PgpPublicKey> publicKey(String fingerprint) throws PgpException {
        String fp = Fingerprints.normalize(fingerprint);
        return certs.stream().filter(c -> c.answersTo(fp)).findFirst().map(c -> new PgpPublicKey(c.certificate()));
    }

    @Override
    public byte[] decrypt(byte[] message, String wantedFingerprint) throws PgpException {
        // BouncyCastle throws unchecked exceptions on some malformed input; none may escape.
        return PgpInput.guard("PGP message for " + wantedFingerprint, () -> decryptChecked(message, wantedFingerprint));
    }

    private byte[] decryptChecked(byte[] message, String wantedFingerprint) throws PgpException {
        String wanted = wantedFingerprint == null ? null : Fingerprints.normalize(wantedFingerprint);
        String what = "PGP message for " + (wanted == null ? "any key" : wanted);
        List<SecretCert> candidates = wanted == null ? certs
                : certs.stream().filter(c -> c.answersTo(wanted)).toList();
        if (candidates.isEmpty()) {
            throw new PgpKeyNotFoundException("no secret key for " + (wanted == null ? "any fingerprint" : "fingerprint " + wanted)
                    + "; keys offered: " + Fingerprints.list(fingerprints()));
        }
        List<PGPPublicKeyEncryptedData> recipients = PgpMessages.recipients(message, what);
        Set<String> tried = new LinkedHashSet<>();
        Set<String> failedExplicitly = new LinkedHashSet<>();
        for (PGPPublicKeyEncryptedData recipient : recipients) {
            for (SecretCert cert : candidates) {
                for (SecretCert.DecryptionKey key : cert.keys()) {
                    if (!PgpMessages.addressedTo(recipient, key)) continue;
                    tried.add(key.fingerprint());
                    PGPSessionKey sessionKey = PgpMessages.sessionKey(recipient, key);
                    if (sessionKey == null) {
                        // An anonymous recipient may simply be someone else; a named one should open.
                        if (!recipient.getKeyIdentifier().isWildcard()) failedExplicitly.add(key.fingerprint());
                        continue;
                    }
                    try {
                        return PgpMessages.literal(recipient, sessionKey, what);
                    } finally {
                        Arrays.fill(sessionKey.getKey(), (byte) 0);
                    }
                }
            }
        }
        String to = String.join(", ", recipients.stream().map(PgpMessages::recipientId).toList());
        if (!failedExplicitly.isEmpty()) {
            throw new PgpIntegrityException(what + ": the session key encrypted to "
                    + Fingerprints.list(List.copyOf(failedExplicitly)) + " does not decrypt; the message is damaged");
        }
        if (!tried.isEmpty()) {
            throw new PgpKeyNotFoundException(what + ": encrypted to " + to + "; none of "
                    + Fingerprints.list(List.copyOf(tried)) + " opens it");
        }
        List<String> offered = candidates.stream().flatMap(c -> c.keys().stream())
                .map(SecretCert.DecryptionKey::fingerprint).toList();
        throw new PgpKeyNotFoundException(what + ": encrypted to " + to
                + ", which is none of the decryption keys offered: " + Fingerprints.list(offered));
    }

    private static char[] utf8(byte[] passphrase, String source) throws PgpPassphraseException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(passphrase));
            char[] result = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (CharacterCodingException e) {
            throw new PgpPassphraseException(source + ": the passphrase is not valid UTF-8");
        }
    }

    @Override
    public String toString() {
        return "PgpKeyring" + fingerprints();
    }
}
