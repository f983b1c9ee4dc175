package io.secretsd.sops;

import io.secretsd.age.Age;
import io.secretsd.age.Armor;
import io.secretsd.age.Recipient;
import io.secretsd.age.Recipients;
import io.secretsd.ssh.SshAge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code age} entries: the data key (or share) as an armored age file to one recipient, which is
 * stored as given ({@code age1…}, {@code age1pq1…}, or a whole {@code ssh-ed25519}/{@code ssh-rsa} line).
 */
public final class AgeKeyWrapper implements DataKeys.KeyWrapper {
    private final String recipientText;
    private final Recipient recipient;

    private AgeKeyWrapper(String recipientText, Recipient recipient) {
        this.recipientText = recipientText;
        this.recipient = recipient;
    }

    /** Parses a recipient as sops does ({@code age1…}, {@code age1pq1…}, {@code ssh-ed25519 …}, {@code ssh-rsa …}). */
    public static AgeKeyWrapper of(String recipient) throws IOException {
        String r = recipient.strip();
        if (r.startsWith("ssh-")) return new AgeKeyWrapper(r, SshAge.recipient(r));
        return new AgeKeyWrapper(r, Recipients.parse(r));
    }

    @Override
    public MasterKey wrap(byte[] keyOrShare) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream w = Age.encrypt(Armor.encoder(out), List.of(recipient))) {
            w.write(keyOrShare);
        }
        return new MasterKey.AgeKey(recipientText, out.toString(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AgeKeyWrapper[" + recipientText + "]";
    }
}
