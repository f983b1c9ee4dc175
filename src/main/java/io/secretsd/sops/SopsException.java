package io.secretsd.sops;

import java.io.IOException;

/**
 * Why a sops file could not be read, decrypted or written. Messages name the file and the field; they never
 * contain a secret value or key material.
 */
public sealed class SopsException extends IOException
        permits SopsFormatException, MacMismatchException, ValueCryptoException, DataKeyException,
                KeyUnwrapException, ExtractException {
    public SopsException(String message) {
        super(message);
    }

    public SopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
