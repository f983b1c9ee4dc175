package io.secretsd.control;

/** Where the control server reads the daemon's current status; must be cheap and never block. */
@FunctionalInterface
public interface StatusProvider {
    StatusSnapshot current();
}
