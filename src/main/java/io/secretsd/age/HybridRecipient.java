package io.secretsd.age;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A post-quantum hybrid recipient, {@code age1pq1…}: an {@code mlkem768x25519} stanza made with HPKE over
 * MLKEM768-X25519. It can only be mixed with other post-quantum recipients (as age's "postquantum" label).
 */
public final class HybridRecipient implements Recipient {
    static final String HRP = "age1pq";
    static final String TYPE = "mlkem768x25519";
    static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    private final byte[] publicKey;

    HybridRecipient(byte[] publicKey) {
        this.publicKey = publicKey.clone();
    }

    /** Parses {@code age1pq1…}. */
    public static HybridRecipient parse(String s) throws KeyParseException {
        Bech32.Decoded d;
        String shown = s.length() > 24 ? s.substring(0, 24) + "…" : s;
        try {
            d = Bech32.decode(s);
        } catch (KeyParseException e) {
            throw new KeyParseException("malformed recipient \"" + shown + "\": " + e.getMessage());
        }
        if (!d.hrp().equals(HRP)) throw new KeyParseException("malformed recipient \"" + shown + "\": invalid type \"" + d.hrp() + "\"");
        if (!XWing.isValidPublicKey(d.data())) throw new KeyParseException("malformed recipient \"" + shown + "\": invalid MLKEM768-X25519 public key");
        return new HybridRecipient(d.data());
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws HeaderException {
        byte[][] kem = XWing.encapsulate(publicKey);
        if (kem == null) throw new HeaderException("cannot wrap to hybrid recipient: its X25519 part is a low-order point");
        byte[][] schedule = Hpke.keySchedule(kem[0], INFO);
        byte[] body = Primitives.seal(schedule[0], schedule[1], fileKey);
        Primitives.wipe(kem[0], schedule[0]);
        return List.of(new Stanza(TYPE, List.of(Base64Raw.encode(kem[1])), body));
    }

    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridRecipient r && Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
