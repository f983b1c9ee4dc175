package io.secretsd.age;

import java.util.List;
import javax.security.auth.Destroyable;

/** A post-quantum hybrid identity, {@code AGE-SECRET-KEY-PQ-1…}: a 32-byte MLKEM768-X25519 seed. */
public final class HybridIdentity implements Identity, Destroyable {
    static final String HRP = "AGE-SECRET-KEY-PQ-";
    private final byte[] seed;
    private final XWing.PrivateKey key;
    private boolean destroyed;

    private HybridIdentity(byte[] seed) {
        this.seed = seed.clone();
        this.key = XWing.expand(this.seed);
    }

    public static HybridIdentity generate() {
        byte[] seed = Primitives.random(XWing.SEED_SIZE);
        try {
            return new HybridIdentity(seed);
        } finally {
            Primitives.wipe(seed);
        }
    }

    /** Parses {@code AGE-SECRET-KEY-PQ-1…}. */
    public static HybridIdentity parse(CharSequence s) throws KeyParseException {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (KeyParseException e) {
            throw new KeyParseException("malformed secret key: " + e.getMessage());
        }
        byte[] k = d.data();
        try {
            if (!d.hrp().equals(HRP)) throw new KeyParseException("malformed secret key: unknown type \"" + d.hrp() + "\"");
            if (k.length != XWing.SEED_SIZE) throw new KeyParseException("malformed secret key: invalid MLKEM768-X25519 secret key length " + k.length);
            return new HybridIdentity(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    public HybridRecipient recipient() {
        return new HybridRecipient(key.publicKey());
    }

    /** {@code AGE-SECRET-KEY-PQ-1…} as ASCII bytes; the caller wipes them. */
    public byte[] encoded() {
        checkLive();
        return Bech32.encodeAscii(HRP, seed);
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        checkLive();
        return Identity.firstUnwrapped(stanzas, this::unwrap);
    }

    private byte[] unwrap(Stanza s) throws MalformedStanzaException {
        if (!s.type().equals(HybridRecipient.TYPE)) return null;
        if (s.args().size() != 1) throw new MalformedStanzaException("invalid mlkem768x25519 stanza: " + s.args().size() + " arguments, want 1");
        byte[] enc = Base64Raw.decode(s.args().getFirst());
        if (enc == null) throw new MalformedStanzaException("invalid mlkem768x25519 stanza: enc is not canonical base64");
        byte[] body = s.body();
        if (body.length != FileKey.WRAPPED_SIZE) {
            throw new MalformedStanzaException("invalid mlkem768x25519 stanza: wrapped file key is " + body.length + " bytes, want " + FileKey.WRAPPED_SIZE);
        }
        if (enc.length != XWing.ENC_SIZE) throw new MalformedStanzaException("invalid mlkem768x25519 stanza: enc is " + enc.length + " bytes, want " + XWing.ENC_SIZE);
        byte[] ss = XWing.decapsulate(key, enc);
        if (ss == null) throw new MalformedStanzaException("invalid mlkem768x25519 stanza: X25519 share is a low-order point");
        byte[][] schedule = Hpke.keySchedule(ss, HybridRecipient.INFO);
        try {
            // ML-KEM rejects implicitly: a share for another key shows up here, as a tag mismatch.
            return Primitives.open(schedule[0], schedule[1], body);
        } finally {
            Primitives.wipe(ss, schedule[0]);
        }
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("HybridIdentity was destroyed");
    }

    @Override
    public void destroy() {
        Primitives.wipe(seed);
        key.wipe();
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String describe() {
        return "post-quantum age key " + recipient();
    }

    @Override
    public String toString() {
        String r = recipient().toString();
        return "HybridIdentity[" + r.substring(0, 20) + "…]";
    }
}
