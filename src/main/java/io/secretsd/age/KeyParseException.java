package io.secretsd.age;

import java.io.IOException;

/** A key or recipient string is malformed. The message never contains secret key text. */
public final class KeyParseException extends IOException {
    public KeyParseException(String message) {
        super(message);
    }

    public KeyParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
