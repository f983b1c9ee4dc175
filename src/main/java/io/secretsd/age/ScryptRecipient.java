package io.secretsd.age;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.generators.SCrypt;

/** A passphrase recipient ({@code scrypt} stanza). It must be the only recipient of a file. */
public final class ScryptRecipient implements Recipient, Destroyable {
    static final String LABEL = "age-encryption.org/v1/scrypt";
    static final int DEFAULT_WORK_FACTOR = 18;
    private final byte[] passphrase;
    private final int workFactor;
    private boolean destroyed;

    /** Work factor 2^18, as age's default. The passphrase is copied; the caller wipes its array. */
    public ScryptRecipient(byte[] passphrase) {
        this(passphrase, DEFAULT_WORK_FACTOR);
    }

    public ScryptRecipient(byte[] passphrase, int logN) {
        if (passphrase.length == 0) throw new IllegalArgumentException("passphrase can't be empty");
        if (logN < 1 || logN > 30) throw new IllegalArgumentException("scrypt work factor must be in 1..30, got " + logN);
        this.passphrase = passphrase.clone();
        this.workFactor = logN;
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) {
        if (destroyed) throw new IllegalStateException("ScryptRecipient was destroyed");
        byte[] salt = Primitives.random(16);
        byte[] key = derive(passphrase, salt, workFactor);
        byte[] body = FileKey.wrap(key, fileKey);
        Primitives.wipe(key);
        return List.of(new Stanza("scrypt", List.of(Base64Raw.encode(salt), Integer.toString(workFactor)), body));
    }

    static byte[] derive(byte[] passphrase, byte[] salt, int logN) {
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        return SCrypt.generate(passphrase, X25519Recipient.concat(label, salt), 1 << logN, 8, 1, 32);
    }

    @Override
    public boolean mustBeAlone() {
        return true;
    }

    @Override
    public void destroy() {
        Primitives.wipe(passphrase);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ScryptRecipient[work factor " + workFactor + "]";
    }
}
