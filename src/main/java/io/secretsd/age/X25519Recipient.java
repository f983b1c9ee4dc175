package io.secretsd.age;

import java.util.Arrays;
import java.util.List;

/** An X25519 public key, {@code age1…}: the native age recipient. */
public final class X25519Recipient implements Recipient {
    static final String HRP = "age";
    static final String LABEL = "age-encryption.org/v1/X25519";
    private final byte[] publicKey;

    private X25519Recipient(byte[] publicKey) {
        this.publicKey = publicKey.clone();
    }

    /** A recipient from the 32-byte Montgomery u-coordinate (as ssh-to-age produces it). */
    public static X25519Recipient fromBytes(byte[] publicKey) throws KeyParseException {
        if (publicKey.length != 32) throw new KeyParseException("invalid X25519 public key: " + publicKey.length + " bytes, want 32");
        return new X25519Recipient(publicKey);
    }

    /** Parses {@code age1…}. */
    public static X25519Recipient parse(String s) throws KeyParseException {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (KeyParseException e) {
            throw new KeyParseException("malformed recipient \"" + s + "\": " + e.getMessage());
        }
        if (!d.hrp().equals(HRP)) throw new KeyParseException("malformed recipient \"" + s + "\": invalid type \"" + d.hrp() + "\"");
        if (d.data().length != 32) throw new KeyParseException("malformed recipient \"" + s + "\": " + d.data().length + " bytes, want 32");
        return new X25519Recipient(d.data());
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws HeaderException {
        byte[] ephemeral = Primitives.random(32);
        byte[] share = Primitives.x25519Base(ephemeral);
        byte[] shared = Primitives.x25519(ephemeral, publicKey);
        Primitives.wipe(ephemeral);
        if (shared == null) throw new HeaderException("cannot wrap to X25519 recipient " + this + ": it is a low-order point");
        byte[] wrapKey = Primitives.hkdf(shared, concat(share, publicKey), LABEL, 32);
        byte[] body = FileKey.wrap(wrapKey, fileKey);
        Primitives.wipe(shared, wrapKey);
        return List.of(new Stanza("X25519", List.of(Base64Raw.encode(share)), body));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Recipient r && Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
