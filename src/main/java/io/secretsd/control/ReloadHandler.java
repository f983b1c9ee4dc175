package io.secretsd.control;

/**
 * What {@code Reload} asks of the daemon: a full re-activation. It returns when the daemon has done it
 * (or has queued it, at the daemon's choice); a thrown exception's message goes to the client as
 * {@code io.secretsd.Manager.ReloadFailed}, so it must not carry a secret (no exception here does).
 */
@FunctionalInterface
public interface ReloadHandler {
    void reload() throws Exception;
}
