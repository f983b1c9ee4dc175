package io.secretsd.sops;

/** An ENC[...] value is malformed, or fails to authenticate under the data key and its path. */
public final class ValueCryptoException extends SopsException {
    public ValueCryptoException(String message) {
        super(message);
    }

    public ValueCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
