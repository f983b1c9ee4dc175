package io.secretsd.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * age identity files, as the age CLI reads them: one key per line ({@code AGE-SECRET-KEY-1…} X25519,
 * {@code AGE-SECRET-KEY-PQ-1…} hybrid), {@code #} comments and blank lines ignored, CRLF accepted; or a
 * passphrase-protected identity file (an age file with one scrypt stanza whose plaintext is such a file).
 * Files holding an SSH private key ({@code -----BEGIN …}) are for the ssh package: see {@link #kind}.
 */
public final class IdentityFile {
    private IdentityFile() {}

    static final int SIZE_LIMIT = 1 << 24;

    /** What a key file holds, judged from its first bytes as the age CLI does. */
    public enum Kind {
        /** Lines of age secret keys. */
        AGE_IDENTITIES,
        /** An age file (binary or armored) to decrypt with a passphrase; its plaintext is an identity file. */
        PASSPHRASE_ENCRYPTED,
        /** A PEM block other than age armor: an SSH private key, for the ssh package. */
        SSH_PRIVATE_KEY
    }

    /** Supplies the passphrase of a passphrase-protected identity file; the returned array is wiped after use. */
    @FunctionalInterface
    public interface PassphraseSupplier {
        byte[] passphrase(String fileName) throws IOException;
    }

    /**
     * The file age-keygen writes for a new identity: "# created: RFC 3339 time", "# public key: age1…",
     * then the secret key, each on its own line. ASCII bytes; the caller wipes them.
     */
    public static byte[] keygenFile(Identity identity, java.time.OffsetDateTime created) {
        byte[] key;
        String recipient;
        switch (identity) {
            case X25519Identity x -> {
                key = x.encoded();
                recipient = x.recipient().toString();
            }
            case HybridIdentity h -> {
                key = h.encoded();
                recipient = h.recipient().toString();
            }
            default -> throw new IllegalArgumentException("not a native age identity: " + identity.getClass().getSimpleName());
        }
        String time = created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        byte[] head = ("# created: " + time + "\n# public key: " + recipient + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + key.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(key, 0, out, head.length, key.length);
        out[out.length - 1] = '\n';
        Primitives.wipe(key);
        return out;
    }

    public static Kind kind(byte[] content) {
        int i = 0;
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) i++;
        if (startsWith(content, 0, "age-encryption.org/")) return Kind.PASSPHRASE_ENCRYPTED;
        if (startsWith(content, i, "-----BEGIN AGE ENCRYPTED FILE-----")) return Kind.PASSPHRASE_ENCRYPTED;
        if (startsWith(content, i, "-----BEGIN")) return Kind.SSH_PRIVATE_KEY;
        return Kind.AGE_IDENTITIES;
    }

    /** Parses a plain identity file; a passphrase-protected or SSH one is an error here. */
    public static List<Identity> parse(String fileName, byte[] content) throws IdentityFileException {
        return parse(fileName, content, name -> {
            throw new IdentityFileException(name, 0, "is passphrase-protected, and no passphrase source was given");
        });
    }

    /** Parses a plain or passphrase-protected identity file. */
    public static List<Identity> parse(String fileName, byte[] content, PassphraseSupplier passphrase) throws IdentityFileException {
        if (content.length >= SIZE_LIMIT) throw new IdentityFileException(fileName, 0, "file too long (16 MiB limit)");
        return switch (kind(content)) {
            case SSH_PRIVATE_KEY -> throw new IdentityFileException(fileName, 0, "holds an SSH private key, not age identities");
            case PASSPHRASE_ENCRYPTED -> decryptAndParse(fileName, content, passphrase);
            case AGE_IDENTITIES -> parseLines(fileName, content);
        };
    }

    private static List<Identity> decryptAndParse(String fileName, byte[] content, PassphraseSupplier supplier) throws IdentityFileException {
        byte[] pass;
        try {
            pass = supplier.passphrase(fileName);
        } catch (IdentityFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IdentityFileException(fileName, 0, "could not read the passphrase: " + e.getMessage(), e);
        }
        if (pass == null || pass.length == 0) throw new IdentityFileException(fileName, 0, "empty passphrase");
        var identity = new ScryptIdentity(pass);
        Primitives.wipe(pass);
        byte[] plain = null;
        try {
            InputStream in = Armor.detect(new ByteArrayInputStream(content));
            try (InputStream p = Age.decrypt(in, List.of(identity))) {
                plain = p.readAllBytes();
            }
            if (kind(plain) != Kind.AGE_IDENTITIES) throw new IdentityFileException(fileName, 0, "the decrypted content is not an age identity file");
            return parseLines(fileName, plain);
        } catch (NoIdentityMatchException e) {
            throw new IdentityFileException(fileName, 0, "wrong passphrase, or not a passphrase-encrypted file", e);
        } catch (IdentityFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IdentityFileException(fileName, 0, "cannot decrypt the passphrase-protected identity file: " + e.getMessage(), e);
        } finally {
            identity.destroy();
            Primitives.wipe(plain);
        }
    }

    private static List<Identity> parseLines(String fileName, byte[] content) throws IdentityFileException {
        List<Identity> ids = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') end++;
            int next = end + 1;
            lineNo++;
            if (end > start && content[end - 1] == '\r') end--;
            var line = new Ascii(content, start, end);
            start = next;
            if (line.length() == 0 || line.charAt(0) == '#') continue;
            if (!line.isAscii()) throw new IdentityFileException(fileName, lineNo, "not an age secret key (non-ASCII bytes)");
            try {
                if (line.startsWith("AGE-SECRET-KEY-PQ-1")) ids.add(HybridIdentity.parse(line));
                else if (line.startsWith("AGE-SECRET-KEY-1")) ids.add(X25519Identity.parse(line));
                else if (line.startsWith("AGE-PLUGIN-")) throw new KeyParseException("age plugin identities are not supported");
                else throw new KeyParseException("unknown identity type (want AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)");
            } catch (KeyParseException e) {
                throw new IdentityFileException(fileName, lineNo, e.getMessage());
            }
        }
        if (ids.isEmpty()) throw new IdentityFileException(fileName, 0, "no identities found");
        return ids;
    }

    private static boolean startsWith(byte[] b, int off, String prefix) {
        if (b.length - off < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (b[off + i] != prefix.charAt(i)) return false;
        return true;
    }

    /** A view of ASCII bytes as characters, so secret keys are never copied into Strings. */
    private record Ascii(byte[] b, int from, int to) implements CharSequence {
        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int i) {
            return (char) (b[from + i] & 0xff);
        }

        @Override
        public CharSequence subSequence(int s, int e) {
            return new Ascii(b, from + s, from + e);
        }

        boolean startsWith(String p) {
            return IdentityFile.startsWith(java.util.Arrays.copyOfRange(b, from, Math.min(to, from + p.length())), 0, p);
        }

        boolean isAscii() {
            for (int i = from; i < to; i++) if (b[i] < 0) return false;
            return true;
        }

        @Override
        public String toString() {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
