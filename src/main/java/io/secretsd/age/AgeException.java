package io.secretsd.age;

import java.io.IOException;

/**
 * Why an age file could not be decrypted or encrypted. An {@link IOException}, so that errors found
 * while a payload is streamed come out of {@code InputStream.read} with their type intact.
 * Messages never contain key material or plaintext.
 */
public sealed class AgeException extends IOException
        permits ArmorException, HeaderException, HeaderMacException, NoIdentityMatchException, PayloadException {
    public AgeException(String message) {
        super(message);
    }

    public AgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
