package io.secretsd.cli;

import io.secretsd.age.HybridIdentity;
import io.secretsd.age.Identity;
import io.secretsd.age.IdentityFile;
import io.secretsd.age.Recipient;
import io.secretsd.age.Recipients;
import io.secretsd.age.X25519Identity;
import io.secretsd.ssh.SshAge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/** Reads the key and passphrase files named on a command line, in every form age's CLI accepts. */
final class KeyFiles {
    private KeyFiles() {}

    /** A fresh identity and the age-keygen file for it (bytes the caller wipes). */
    record Generated(String recipient, byte[] file) {}

    static Generated generate(boolean pq) {
        Identity id = pq ? HybridIdentity.generate() : X25519Identity.generate();
        try {
            String recipient = id instanceof HybridIdentity h ? h.recipient().toString() : ((X25519Identity) id).recipient().toString();
            return new Generated(recipient, IdentityFile.keygenFile(id, OffsetDateTime.now(ZoneOffset.UTC)));
        } finally {
            destroy(List.of(id));
        }
    }

    /** age1…, age1pq1…, or an ssh-ed25519 / ssh-rsa public key line. */
    /** Writes a new private key file, mode 0600 from its first byte (never created wider, then narrowed). */
    static void writePrivate(Path file, byte[] content) throws IOException {
        try (var ch = java.nio.file.Files.newByteChannel(file, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
            while (b.hasRemaining()) ch.write(b);
        }
    }

    static Recipient recipient(String text, String where) throws IOException {
        String s = text.strip();
        try {
            if (Recipients.isAgeRecipient(s)) return Recipients.parse(s);
            if (s.startsWith("ssh-")) return SshAge.recipient(s);
        } catch (IOException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        throw new UsageException(where + ": unknown recipient type: \"" + abbreviate(s) + "\" (want age1…, age1pq1…, ssh-ed25519 or ssh-rsa)");
    }

    /** A recipients file: one recipient a line, blank lines and # comments ignored (age -R). */
    static List<Recipient> recipients(Path file) throws IOException {
        List<Recipient> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            out.add(recipient(line, file + ":" + (i + 1)));
        }
        if (out.isEmpty()) throw new IOException(file + ": no recipients found");
        return out;
    }

    /**
     * An identity file: age identities, a passphrase-encrypted identity file, or an OpenSSH/PEM private
     * key. {@code passphrase} (may be null) unlocks the encrypted kinds; it stays the caller's to wipe.
     */
    static List<Identity> identities(Path file, byte[] passphrase) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            String name = file.toString();
            return switch (IdentityFile.kind(content)) {
                case SSH_PRIVATE_KEY -> List.of(sshIdentity(name, content, passphrase));
                case AGE_IDENTITIES -> IdentityFile.parse(name, content);
                case PASSPHRASE_ENCRYPTED -> IdentityFile.parse(name, content, f -> {
                    if (passphrase == null) throw new UsageException(f + " is passphrase-encrypted: give --passphrase-file");
                    return passphrase.clone();
                });
            };
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static Identity sshIdentity(String name, byte[] content, byte[] passphrase) throws IOException {
        try {
            return SshAge.identityWithPrompt(content, () -> {
                if (passphrase == null) throw new UsageException(name + " is a passphrase-protected SSH key: give --passphrase-file");
                return passphrase.clone();
            });
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a passphrase file, without its line ending. */
    static byte[] passphrase(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = 0;
        while (end < all.length && all[end] != '\n' && all[end] != '\r') end++;
        byte[] pass = Arrays.copyOf(all, end);
        Arrays.fill(all, (byte) 0);
        if (pass.length == 0) throw new IOException(file + ": empty passphrase");
        return pass;
    }

    static void destroy(List<? extends Identity> ids) {
        for (Identity id : ids) {
            if (id instanceof Destroyable d && !d.isDestroyed()) {
                try {
                    d.destroy();
                } catch (DestroyFailedException ignored) {
                    // nothing more the JVM lets us do
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
}
