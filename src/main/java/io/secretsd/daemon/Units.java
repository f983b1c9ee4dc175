package io.secretsd.daemon;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Restarts and reloads units whose secrets changed: systemd over D-Bus, launchd, or nothing (and why). */
@FunctionalInterface
public interface Units {
    /** Returns one line per unit with what became of it ("restart foo.service: done"); the implementation logs them. */
    List<String> apply(Set<String> restart, Set<String> reload) throws IOException;

    /** Why no unit can be restarted at all; empty when they can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Restarts nothing; a change that names units is then a warning that gives {@code reason}. */
    static Units none(String reason) {
        return new Units() {
            @Override
            public List<String> apply(Set<String> restart, Set<String> reload) {
                return List.of();
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.of(reason);
            }
        };
    }

    Units NONE = none("no unit hand-over configured");
}
