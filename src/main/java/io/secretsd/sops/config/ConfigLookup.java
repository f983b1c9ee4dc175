package io.secretsd.sops.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds {@code .sops.yaml} as sops does: in the start directory and its parents, at most 100 levels up. A
 * {@code .sops.yml} is never used, only warned about.
 */
public final class ConfigLookup {
    public static final String NAME = ".sops.yaml";
    private static final String ALTERNATE = ".sops.yml";
    private static final int MAX_DEPTH = 100;

    private ConfigLookup() {}

    public static Optional<Path> find(Path startDir, Consumer<String> warn) {
        Path dir = startDir.toAbsolutePath().normalize();
        Path alternate = null;
        for (int i = 0; i < MAX_DEPTH && dir != null; i++) {
            Path candidate = dir.resolve(NAME);
            if (Files.exists(candidate)) {
                if (alternate != null) warn.accept("ignoring " + alternate + ": the config file must be called " + NAME + "; using " + candidate);
                return Optional.of(candidate);
            }
            if (alternate == null && Files.exists(dir.resolve(ALTERNATE))) alternate = dir.resolve(ALTERNATE);
            dir = dir.getParent();
        }
        if (alternate != null) warn.accept("ignoring " + alternate + ": the config file must be called " + NAME);
        return Optional.empty();
    }
}
