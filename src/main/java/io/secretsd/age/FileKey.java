package io.secretsd.age;

/** The 16-byte file key, and its wrapping under a derived key with ChaCha20-Poly1305 and a zero nonce. */
final class FileKey {
    private FileKey() {}

    static final int SIZE = 16;
    /** A wrapped file key: the key and the Poly1305 tag. */
    static final int WRAPPED_SIZE = SIZE + 16;

    static byte[] generate() {
        return Primitives.random(SIZE);
    }

    static byte[] wrap(byte[] wrapKey, byte[] fileKey) {
        return Primitives.sealZeroNonce(wrapKey, fileKey);
    }

    /**
     * The file key, or null when the tag does not authenticate (the stanza is not ours). A body of the
     * wrong size is a broken stanza: the file key must be checked to be 16 bytes before decrypting.
     */
    static byte[] unwrap(byte[] wrapKey, byte[] body, String type) throws MalformedStanzaException {
        if (body.length != WRAPPED_SIZE) {
            throw new MalformedStanzaException("invalid " + type + " stanza: wrapped file key is " + body.length + " bytes, want " + WRAPPED_SIZE);
        }
        return Primitives.openZeroNonce(wrapKey, body);
    }
}
