package io.secretsd.manifest;

import java.util.List;
import java.util.Optional;

/** What secrets and templates share: a file in the generation, its owner, mode, link and units. */
public sealed interface Entry permits Secret, Template {
    String name();

    String path();

    Optional<String> owner();

    int uid();

    Optional<String> group();

    int gid();

    int mode();

    List<String> restartUnits();

    List<String> reloadUnits();
}
