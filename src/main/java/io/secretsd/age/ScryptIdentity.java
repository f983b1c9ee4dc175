package io.secretsd.age;

import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.Destroyable;

/** A passphrase identity for {@code scrypt} stanzas; refuses work factors above its cap (default 22). */
public final class ScryptIdentity implements Identity, Destroyable {
    static final int DEFAULT_MAX_WORK_FACTOR = 22;
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");
    private final byte[] passphrase;
    private final int maxWorkFactor;
    private boolean destroyed;

    /** The passphrase is copied; the caller wipes its array. */
    public ScryptIdentity(byte[] passphrase) {
        this(passphrase, DEFAULT_MAX_WORK_FACTOR);
    }

    public ScryptIdentity(byte[] passphrase, int maxLogN) {
        if (passphrase.length == 0) throw new IllegalArgumentException("passphrase can't be empty");
        if (maxLogN < 1 || maxLogN > 30) throw new IllegalArgumentException("scrypt maximum work factor must be in 1..30, got " + maxLogN);
        this.passphrase = passphrase.clone();
        this.maxWorkFactor = maxLogN;
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        if (destroyed) throw new IllegalStateException("ScryptIdentity was destroyed");
        for (Stanza s : stanzas) {
            if (s.type().equals("scrypt") && stanzas.size() != 1) {
                throw new MalformedStanzaException("an scrypt stanza must be the only one in the header");
            }
        }
        return Identity.firstUnwrapped(stanzas, this::unwrap);
    }

    private byte[] unwrap(Stanza s) throws MalformedStanzaException {
        if (!s.type().equals("scrypt")) return null;
        if (s.args().size() != 2) throw new MalformedStanzaException("invalid scrypt stanza: " + s.args().size() + " arguments, want 2");
        byte[] salt = Base64Raw.decode(s.args().get(0));
        if (salt == null || salt.length != 16) throw new MalformedStanzaException("invalid scrypt stanza: salt is not canonical base64 of 16 bytes");
        String w = s.args().get(1);
        if (!DIGITS.matcher(w).matches()) throw new MalformedStanzaException("invalid scrypt stanza: work factor \"" + w + "\" is not a decimal number");
        int logN = w.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(w);
        if (logN > maxWorkFactor) throw new MalformedStanzaException("scrypt work factor " + w + " is above the limit " + maxWorkFactor);
        byte[] key = ScryptRecipient.derive(passphrase, salt, logN);
        try {
            return FileKey.unwrap(key, s.body(), "scrypt");
        } finally {
            Primitives.wipe(key);
        }
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
    public String describe() {
        return "passphrase";
    }

    @Override
    public String toString() {
        return "ScryptIdentity[max work factor " + maxWorkFactor + "]";
    }
}
