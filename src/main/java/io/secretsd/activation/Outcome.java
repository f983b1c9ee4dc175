package io.secretsd.activation;

import java.util.Optional;

/**
 * What became of one secret or template.
 *
 * @param relPath path inside the generation ({@code name} or {@code rendered/<name>})
 * @param change  relative to the previous generation, as the change lines report it
 * @param cause   why it failed ({@link Status#KEPT_PREVIOUS}, {@link Status#ABSENT})
 */
public record Outcome(String name, boolean template, String relPath, Status status, Change change, int uid, int gid,
                      Optional<String> cause) {
    public enum Status {
        /** New content written. */
        INSTALLED,
        /** Same content, owner and mode as the previous generation: hard-linked, not rewritten. */
        UNCHANGED,
        /** Failed; the previous generation's file was carried over. */
        KEPT_PREVIOUS,
        /** Failed, and there was nothing to carry over: the file is absent (never empty). */
        ABSENT
    }

    public enum Change { ADDED, MODIFIED, NONE }

    public boolean failed() {
        return status == Status.KEPT_PREVIOUS || status == Status.ABSENT;
    }
}
