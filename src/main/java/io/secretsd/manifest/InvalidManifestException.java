package io.secretsd.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** The manifest parsed but breaks the schema; carries every problem found, each with its JSON path. */
public final class InvalidManifestException extends ManifestException {
    private final List<Problem> problems;

    public InvalidManifestException(String source, List<Problem> problems) {
        super(source, "manifest is not valid: " + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("; ")), null);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
