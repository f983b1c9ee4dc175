package io.secretsd.systemd;

import java.io.IOException;

/** LISTEN_* variables that do not make sense, or an inherited fd of the wrong kind. */
public final class SocketActivationException extends IOException {
    public SocketActivationException(String message) {
        super(message);
    }
}
