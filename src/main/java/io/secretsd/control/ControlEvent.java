package io.secretsd.control;

import java.time.Instant;
import java.util.Objects;

/** What {@code Subscribe} streams: a secret or template changed on disk, or failed to; or a warning. */
public sealed interface ControlEvent {
    Instant time();

    String name();

    enum Change { ADDED, MODIFIED, REMOVED }

    /** An entry's content, owner or mode changed in {@code generation}. */
    record Changed(Instant time, long generation, EntryStatus.Kind kind, String name, String path, Change change)
            implements ControlEvent {
        public Changed {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * An entry (or, with kind null, the activation as a whole, e.g. an invalid manifest) could not be
     * installed; the old content stays in place.
     */
    record Failed(Instant time, EntryStatus.Kind kind, String name, String error) implements ControlEvent {
        public Failed {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Something the daemon could not do that costs no secret (units named by a change it cannot restart). */
    record Warning(Instant time, String name, String warning) implements ControlEvent {
        public Warning {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(warning, "warning");
        }
    }
}
