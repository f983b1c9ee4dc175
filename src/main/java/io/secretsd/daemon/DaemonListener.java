package io.secretsd.daemon;

import io.secretsd.activation.ActivationResult;
import io.secretsd.manifest.Manifest;
import java.time.Instant;

/** What the daemon tells the outside world: systemd (sd_notify), the control socket, the log. */
public interface DaemonListener {
    /** After every activation, the first included; {@code first} is true once, before READY. */
    default void activated(Manifest manifest, ActivationResult result, Instant at, boolean first) {}

    /** A change was refused and the running secrets kept (an invalid manifest, a failed activation). */
    default void refused(String reason, Instant at) {}

    /** Units were restarted or reloaded after a change; one line per unit with its job result. */
    default void unitsHandled(java.util.List<String> results) {}

    /** Something the daemon could not do that costs no secret, e.g. units it cannot restart. */
    default void warned(String subject, String warning, Instant at) {}

    default void stopping() {}

    /**
     * A part of the daemon stopped for good (the file watcher, the activation loop, the control
     * socket): the daemon no longer does its job and must not look healthy. {@code reason} names the
     * part and the cause, on one line.
     */
    default void died(String reason) {}
}
