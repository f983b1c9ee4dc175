package io.secretsd.daemon;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Restarts and reloads units whose secrets changed: systemd over D-Bus, launchd, or nothing. */
@FunctionalInterface
public interface Units {
    /** Returns one line per unit with what became of it ("restart foo.service: done"); the implementation logs them. */
    List<String> apply(Set<String> restart, Set<String> reload) throws IOException;

    Units NONE = (restart, reload) -> List.of();
}
