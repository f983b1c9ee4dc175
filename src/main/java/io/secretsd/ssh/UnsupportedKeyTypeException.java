package io.secretsd.ssh;

/** A well-formed key of a type (or size) this package does not handle, e.g. {@code ecdsa-sha2-nistp256}. */
public final class UnsupportedKeyTypeException extends SshKeyException {
    private final String keyType;

    public UnsupportedKeyTypeException(String keyType, String message) {
        super(message);
        this.keyType = keyType;
    }

    public UnsupportedKeyTypeException(String keyType) {
        this(keyType, "unsupported SSH key type " + keyType + " (only ssh-ed25519 and ssh-rsa are supported)");
    }

    public String keyType() {
        return keyType;
    }
}
