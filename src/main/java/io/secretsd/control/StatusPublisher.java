package io.secretsd.control;

import java.util.Objects;

/**
 * The hand-over point between the activation loop, which publishes a new snapshot after each
 * activation, and the control server's readers, which take whichever snapshot is current.
 */
public final class StatusPublisher implements StatusProvider {
    private volatile StatusSnapshot current;

    public StatusPublisher(StatusSnapshot initial) {
        current = Objects.requireNonNull(initial, "initial");
    }

    public void publish(StatusSnapshot snapshot) {
        current = Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public StatusSnapshot current() {
        return current;
    }
}
