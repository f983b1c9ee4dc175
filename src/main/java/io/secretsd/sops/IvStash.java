package io.secretsd.sops;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The IV each decrypted (value, path) pair had, so that re-encrypting an edited tree gives unchanged values
 * byte-identical ciphertext, as sops does (its cipher's {@code stash}). Holds plaintext: {@link #wipe()} it.
 */
public final class IvStash {
    private record Key(String aad, ScalarType type, ByteBuffer plaintext) {}

    private final Map<Key, byte[]> ivs = new HashMap<>();

    void put(String aad, ScalarType type, byte[] plaintext, byte[] iv) {
        ivs.put(new Key(aad, type, ByteBuffer.wrap(plaintext.clone())), iv.clone());
    }

    /** The stashed IV for this exact value at this path, or null. */
    byte[] get(String aad, ScalarType type, byte[] plaintext) {
        byte[] iv = ivs.get(new Key(aad, type, ByteBuffer.wrap(plaintext)));
        return iv == null ? null : iv.clone();
    }

    public int size() {
        return ivs.size();
    }

    public void wipe() {
        for (Key k : ivs.keySet()) Arrays.fill(k.plaintext().array(), (byte) 0);
        ivs.clear();
    }

    @Override
    public String toString() {
        return "IvStash[" + ivs.size() + " values]";
    }
}
