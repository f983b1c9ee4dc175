package io.secretsd.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;

/**
 * Decryption of one OpenPGP message that holds a sops data key: public-key encrypted session keys
 * (PKESK v3/v6) in front of SEIPD v1 (with MDC) or v2 (AEAD) or LibrePGP OCB data, inside which an
 * optional compressed packet, optional one-pass signatures and the literal data.
 */
final class PgpMessages {
    /** A data key is 32 bytes, a Shamir share one more; this bounds decompression, not sops. */
    static final int MAX_LITERAL = 64 * 1024;

    private PgpMessages() {
    }

    /** The public-key encrypted session keys of a message, in order. */
    static List<PGPPublicKeyEncryptedData> recipients(byte[] message, String what) throws PgpException {
        List<byte[]> blocks = PgpInput.dearmor(message, what);
        if (blocks.size() != 1) throw new MalformedPgpException(what + ": " + blocks.size() + " armor blocks, expected one");
        var factory = new PGPObjectFactory(blocks.getFirst(), new BcKeyFingerprintCalculator());
        Object first;
        do {
            first = PgpInput.guard(what + ": reading packets", factory::nextObject);
        } while (first instanceof PGPMarker);
        if (!(first instanceof PGPEncryptedDataList list)) {
            throw new MalformedPgpException(what + ": not an encrypted OpenPGP message (found "
                    + (first == null ? "no packets" : first.getClass().getSimpleName().replaceFirst("^PGP", "")) + ")");
        }
        List<PGPPublicKeyEncryptedData> recipients = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (data instanceof PGPPublicKeyEncryptedData pk) recipients.add(pk);
        }
        if (recipients.isEmpty()) {
            throw new MalformedPgpException(what + ": the message is encrypted to no public key (passphrase only)");
        }
        return recipients;
    }

    /** The key the PKESK names, as sops and gpg print it; 0000000000000000 for an anonymous recipient. */
    static String recipientId(PGPPublicKeyEncryptedData data) {
        KeyIdentifier id = data.getKeyIdentifier();
        if (id.isWildcard()) return "anonymous recipient";
        if (id.getFingerprint() != null) return java.util.HexFormat.of().withUpperCase().formatHex(id.getFingerprint());
        return Fingerprints.keyId(id.getKeyId());
    }

    static boolean addressedTo(PGPPublicKeyEncryptedData data, SecretCert.DecryptionKey key) {
        KeyIdentifier id = data.getKeyIdentifier();
        return id.isWildcard() || id.matches(key.publicKey().getKeyIdentifier());
    }

    /** The session key, or null when this key does not open this PKESK (wrong key for an anonymous one). */
    static PGPSessionKey sessionKey(PGPPublicKeyEncryptedData data, SecretCert.DecryptionKey key) {
        try {
            return data.getSessionKey(new BcPublicKeyDataDecryptorFactory(new PGPKeyPair(key.publicKey(), key.privateKey())));
        } catch (PGPException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Decrypts the data with a recovered session key and returns the literal data. Recovering the
     * session key first (rather than in one getDataStream call) tells a wrong key from a damaged message;
     * the session-key overload of getDataStream is deprecated in favour of the session-key packet API,
     * which does the same for a message without a PKESK in hand.
     */
    @SuppressWarnings("deprecation")
    static byte[] literal(PGPPublicKeyEncryptedData data, PGPSessionKey sessionKey, String what) throws PgpException {
        if (!data.isIntegrityProtected() && !data.isAEAD()) {
            throw new PgpIntegrityException(what + ": the data is not integrity protected (no MDC); refusing it");
        }
        byte[] result;
        try {
            InputStream clear = data.getDataStream(new BcSessionKeyDataDecryptorFactory(sessionKey));
            result = readLiteral(new PGPObjectFactory(clear, new BcKeyFingerprintCalculator()), what, 0);
            // SEIPD v1: the MDC is checked after the data (PGPPublicKeyEncryptedData.getVersion() is the
            // PKESK's version, so the packet kind is told by isAEAD). AEAD checks its tags while reading.
            if (!data.isAEAD() && !data.verify()) {
                java.util.Arrays.fill(result, (byte) 0);
                throw new PgpIntegrityException(what + ": modification detection code (MDC) does not match");
            }
            drain(clear);
        } catch (PgpException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new PgpIntegrityException(what + ": the encrypted data is damaged: " + PgpInput.describe(e), e);
        }
        return result;
    }

    private static byte[] readLiteral(PGPObjectFactory factory, String what, int depth)
            throws IOException, PGPException, PgpException {
        while (true) {
            Object o = factory.nextObject();
            switch (o) {
                case null -> throw new MalformedPgpException(what + ": the encrypted data holds no literal data");
                case PGPCompressedData compressed -> {
                    if (depth > 2) throw new MalformedPgpException(what + ": compressed data nested too deeply");
                    return readLiteral(new PGPObjectFactory(compressed.getDataStream(), new BcKeyFingerprintCalculator()),
                            what, depth + 1);
                }
                case PGPLiteralData literal -> {
                    return readBounded(literal.getDataStream(), what);
                }
                case PGPOnePassSignatureList ignored -> { }
                case PGPSignatureList ignored -> { }
                case PGPMarker ignored -> { }
                default -> throw new MalformedPgpException(what + ": unexpected "
                        + o.getClass().getSimpleName().replaceFirst("^PGP", "") + " inside the encrypted data");
            }
        }
    }

    private static byte[] readBounded(InputStream in, String what) throws IOException, PgpException {
        // One buffer, wiped after the copy: a growing ByteArrayOutputStream would leave copies behind.
        byte[] buffer = new byte[MAX_LITERAL + 1];
        try {
            int length = 0;
            for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0; ) {
                length += n;
            }
            if (length > MAX_LITERAL) {
                throw new MalformedPgpException(what + ": literal data larger than " + MAX_LITERAL
                        + " bytes; not a data key");
            }
            return java.util.Arrays.copyOf(buffer, length);
        } finally {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // reading to the end makes AEAD check its final tag
        }
        java.util.Arrays.fill(buffer, (byte) 0);
    }
}
