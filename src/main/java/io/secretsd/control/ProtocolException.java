package io.secretsd.control;

import java.io.IOException;

/** A peer broke the varlink framing or sent a message that is not a JSON object of the expected shape. */
public final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
