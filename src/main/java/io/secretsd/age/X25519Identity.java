package io.secretsd.age;

import java.util.List;
import javax.security.auth.Destroyable;

/** An X25519 private key, {@code AGE-SECRET-KEY-1…}. {@link #destroy()} wipes the scalar. */
public final class X25519Identity implements Identity, Destroyable {
    static final String HRP = "AGE-SECRET-KEY-";
    private final byte[] secretKey;
    private final byte[] publicKey;
    private boolean destroyed;

    private X25519Identity(byte[] secretKey) {
        this.secretKey = secretKey.clone();
        this.publicKey = Primitives.x25519Base(this.secretKey);
    }

    public static X25519Identity generate() {
        byte[] k = Primitives.random(32);
        try {
            return new X25519Identity(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    /** An identity from 32 raw bytes, used as is (X25519 clamps); the caller keeps and wipes its array. */
    public static X25519Identity fromBytes(byte[] secretKey) throws KeyParseException {
        if (secretKey.length != 32) throw new KeyParseException("invalid X25519 secret key: " + secretKey.length + " bytes, want 32");
        return new X25519Identity(secretKey);
    }

    /** Parses {@code AGE-SECRET-KEY-1…} (uppercase, as age-keygen writes it). */
    public static X25519Identity parse(CharSequence s) throws KeyParseException {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (KeyParseException e) {
            throw new KeyParseException("malformed secret key: " + e.getMessage());
        }
        byte[] k = d.data();
        try {
            if (!d.hrp().equals(HRP)) throw new KeyParseException("malformed secret key: unknown type \"" + d.hrp() + "\"");
            return fromBytes(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    public X25519Recipient recipient() {
        try {
            return X25519Recipient.fromBytes(publicKey);
        } catch (KeyParseException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code AGE-SECRET-KEY-1…} as ASCII bytes; the caller wipes them. */
    public byte[] encoded() {
        checkLive();
        return Bech32.encodeAscii(HRP, secretKey);
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        checkLive();
        return Identity.firstUnwrapped(stanzas, this::unwrap);
    }

    private byte[] unwrap(Stanza s) throws MalformedStanzaException {
        if (!s.type().equals("X25519")) return null;
        if (s.args().size() != 1) throw new MalformedStanzaException("invalid X25519 stanza: " + s.args().size() + " arguments, want 1");
        byte[] share = Base64Raw.decode(s.args().getFirst());
        if (share == null || share.length != 32) throw new MalformedStanzaException("invalid X25519 stanza: share is not canonical base64 of 32 bytes");
        byte[] shared = Primitives.x25519(secretKey, share);
        if (shared == null) throw new MalformedStanzaException("invalid X25519 stanza: share is a low-order point");
        byte[] wrapKey = Primitives.hkdf(shared, X25519Recipient.concat(share, publicKey), X25519Recipient.LABEL, 32);
        try {
            return FileKey.unwrap(wrapKey, s.body(), "X25519");
        } finally {
            Primitives.wipe(shared, wrapKey);
        }
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("X25519Identity was destroyed");
    }

    @Override
    public void destroy() {
        Primitives.wipe(secretKey);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String describe() {
        return "age key " + recipient();
    }

    @Override
    public String toString() {
        return "X25519Identity[" + recipient() + "]";
    }
}
