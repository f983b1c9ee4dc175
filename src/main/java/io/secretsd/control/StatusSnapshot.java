package io.secretsd.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the daemon shows over the control socket at one moment: immutable, published whole by the
 * activation loop and read by any number of clients. It has no field for a secret's value, so none
 * can ever be sent.
 *
 * @param version the daemon's version
 * @param startedAt when the daemon started (uptime is computed from it at each query)
 * @param generation the installed generation number, 0 before the first activation
 * @param lastActivation when the last activation finished, null before the first
 * @param lastOutcome how the last activation ended
 * @param lastError one line on why the last activation failed, null when it did not
 * @param entries the secrets and templates of the manifest, in manifest order
 */
public record StatusSnapshot(
        String version,
        Instant startedAt,
        long generation,
        Instant lastActivation,
        Outcome lastOutcome,
        String lastError,
        List<EntryStatus> entries) {

    public enum Outcome { NONE, OK, FAILED }

    public StatusSnapshot {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        entries = List.copyOf(entries);
    }

    /** The snapshot of a daemon that has not activated anything yet. */
    public static StatusSnapshot starting(String version, Instant startedAt) {
        return new StatusSnapshot(version, startedAt, 0, null, Outcome.NONE, null, List.of());
    }

    /** True when the last activation did not fail and no entry is failed. */
    public boolean healthy() {
        return lastOutcome != Outcome.FAILED && entries.stream().noneMatch(e -> e.state() == EntryStatus.State.FAILED);
    }
}
