package io.secretsd.activation;

import java.util.List;

/**
 * The report of one activation.
 *
 * @param generation  the generation now current (0 when nothing was switched: check modes, dry runs, fatal errors)
 * @param outcomes    one per secret and template
 * @param changeLines {@code adding secret: a, b} etc., for stdout (empty when logging.secretChanges is off)
 * @param notices     informational lines for stderr (key imports, "would restart X")
 * @param errors      one line per failure; non-empty exactly when {@code exitStatus} is 1
 * @param exitStatus  0 when everything is installed, 1 otherwise
 */
public record ActivationResult(int generation, List<Outcome> outcomes, List<String> changeLines,
                               List<String> notices, List<String> errors, int exitStatus) {
    public ActivationResult {
        outcomes = List.copyOf(outcomes);
        changeLines = List.copyOf(changeLines);
        notices = List.copyOf(notices);
        errors = List.copyOf(errors);
    }

    /** Two results of the same run (the neededForUsers part and the rest) as one. */
    ActivationResult merge(ActivationResult o) {
        return new ActivationResult(o.generation, concat(outcomes, o.outcomes), concat(changeLines, o.changeLines),
                concat(notices, o.notices), concat(errors, o.errors), Math.max(exitStatus, o.exitStatus));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
