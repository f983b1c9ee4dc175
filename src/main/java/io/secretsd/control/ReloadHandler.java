package io.secretsd.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What {@code Reload} asks of the daemon: a full re-activation. A failure's message goes to the client
 * as {@code io.secretsd.Manager.ReloadFailed}, so it must not carry a secret (no exception here does).
 */
@FunctionalInterface
public interface ReloadHandler {
    /** Reloads, returning when done (or queued, at the daemon's choice). */
    void reload() throws Exception;

    /**
     * Starts a reload and says when it is done, without blocking: the control server calls this on
     * its one thread and answers the client when the stage completes, so a reload costs no thread.
     * The default runs {@link #reload()} right here, which suits only one that returns at once.
     */
    default CompletionStage<Void> start() {
        try {
            reload();
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
