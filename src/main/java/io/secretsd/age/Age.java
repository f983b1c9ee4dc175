package io.secretsd.age;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * age v1 encryption and decryption of streams (age-encryption.org/v1), following {@code age.go} of the
 * reference: identities are tried in order, each over all stanzas; a stanza that is not an identity's
 * is skipped; a broken one of its type aborts.
 */
public final class Age {
    private Age() {}

    static final int NONCE_SIZE = 16;

    /**
     * Reads and checks the header, unwraps the file key, checks the header MAC and reads the payload
     * nonce; header errors are thrown here. Returns the plaintext stream: payload errors
     * ({@link PayloadException}) come from its {@code read}, after every chunk that authenticated.
     * Closing it closes {@code in}. Armored input must be wrapped with {@link Armor#decoder} or
     * {@link Armor#detect} first.
     *
     * @throws NoIdentityMatchException the header parsed but no identity unwrapped a stanza
     * @throws HeaderMacException a stanza unwrapped but the header MAC is wrong
     * @throws HeaderException anything else wrong before the payload (including a broken stanza, and
     *     a header of more than 1,000 stanzas, refused before any is tried)
     * @throws ArmorException from an armor decoder underneath
     */
    public static InputStream decrypt(InputStream in, List<? extends Identity> identities) throws IOException {
        HeaderParser.Result parsed = HeaderParser.parse(in);
        Header header = parsed.header();
        if (identities.isEmpty()) throw new NoIdentityMatchException("no identities given");
        byte[] fileKey = null;
        for (Identity id : identities) {
            fileKey = id.unwrap(header.stanzas());
            if (fileKey != null) break;
        }
        if (fileKey == null) throw new NoIdentityMatchException(noMatchMessage(identities, header));
        try {
            if (!HeaderMac.verify(fileKey, header)) throw new HeaderMacException("bad header MAC");
            byte[] nonce = parsed.payload().readNBytes(NONCE_SIZE);
            if (nonce.length != NONCE_SIZE) {
                throw new HeaderException("failed to read the payload nonce: " + (nonce.length == 0 ? "no payload" : "only " + nonce.length + " of 16 bytes"));
            }
            byte[] payloadKey = Primitives.hkdf(fileKey, nonce, "payload", 32);
            try {
                return new StreamReader(payloadKey, parsed.payload());
            } finally {
                Primitives.wipe(payloadKey);
            }
        } finally {
            Primitives.wipe(fileKey);
        }
    }

    /** Decrypts a whole file held in memory. Use for small files (data keys, identity files). */
    public static byte[] decrypt(byte[] file, List<? extends Identity> identities) throws IOException {
        try (InputStream in = decrypt(new ByteArrayInputStream(file), identities)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes the header and nonce to {@code out} and returns the plaintext sink; its {@code close()}
     * writes the final chunk and closes {@code out}.
     *
     * @throws IllegalArgumentException no recipients, a recipient that must be alone is not, or
     *     post-quantum recipients are mixed with classical ones (which would defeat them)
     */
    public static OutputStream encrypt(OutputStream out, List<? extends Recipient> recipients) throws IOException {
        checkRecipients(recipients);
        byte[] fileKey = FileKey.generate();
        try {
            List<Stanza> stanzas = new ArrayList<>();
            for (Recipient r : recipients) stanzas.addAll(r.wrap(fileKey));
            byte[] mac = HeaderMac.compute(fileKey, Header.encodeWithoutMac(stanzas));
            new Header(stanzas, mac).writeTo(out);
            byte[] nonce = Primitives.random(NONCE_SIZE);
            out.write(nonce);
            byte[] payloadKey = Primitives.hkdf(fileKey, nonce, "payload", 32);
            try {
                return new StreamWriter(payloadKey, out);
            } finally {
                Primitives.wipe(payloadKey);
            }
        } finally {
            Primitives.wipe(fileKey);
        }
    }

    /** Encrypts a whole plaintext held in memory. */
    public static byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients) throws IOException {
        var buf = new ByteArrayOutputStream(plaintext.length + 256 + plaintext.length / 4096);
        try (OutputStream w = encrypt(buf, recipients)) {
            w.write(plaintext);
        }
        return buf.toByteArray();
    }

    static void checkRecipients(List<? extends Recipient> recipients) {
        if (recipients.isEmpty()) throw new IllegalArgumentException("no recipients given");
        for (Recipient r : recipients) {
            if (r.mustBeAlone() && recipients.size() != 1) {
                throw new IllegalArgumentException(r.getClass().getSimpleName() + " must be the only recipient of a file");
            }
        }
        long pq = recipients.stream().filter(r -> r instanceof HybridRecipient).count();
        if (pq != 0 && pq != recipients.size()) {
            throw new IllegalArgumentException("post-quantum (age1pq1…) recipients can't be mixed with classical ones, which would defeat them");
        }
    }

    private static String noMatchMessage(List<? extends Identity> identities, Header header) {
        Set<String> tried = new LinkedHashSet<>();
        for (Identity id : identities) tried.add(id.describe());
        Set<String> types = new LinkedHashSet<>();
        for (Stanza s : header.stanzas()) types.add(recipientKind(s.type()));
        return "no identity matched any of the recipients (tried " + String.join(", ", tried)
                + "; the file is encrypted to " + (types.isEmpty() ? "no recipient" : String.join(", ", types)) + ")";
    }

    /** A stanza type as the recipient kind users chose it by. */
    private static String recipientKind(String stanzaType) {
        return switch (stanzaType) {
            case "X25519" -> "age1… keys";
            case "mlkem768x25519" -> "post-quantum age1pq1… keys";
            case "scrypt" -> "a passphrase";
            case "ssh-ed25519" -> "ssh-ed25519 keys";
            case "ssh-rsa" -> "ssh-rsa keys";
            default -> "\"" + stanzaType + "\" recipients";
        };
    }
}
