package io.secretsd.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One secret or template as installed (or not): where it lives and who may read it, never its value.
 *
 * @param kind secret or template
 * @param name the manifest's name for it
 * @param path where it is linked (the path services read)
 * @param owner owning user name (or number as text)
 * @param group owning group name (or number as text)
 * @param mode permission bits, e.g. 0400
 * @param sourceFile the sops file or template file it comes from
 * @param state ok, failed or pending
 * @param lastChange when its content last changed, null if never installed
 * @param error one line on why it failed, null unless failed
 */
public record EntryStatus(
        Kind kind,
        String name,
        String path,
        String owner,
        String group,
        int mode,
        String sourceFile,
        State state,
        Instant lastChange,
        String error) {

    public enum Kind { SECRET, TEMPLATE }

    public enum State { OK, FAILED, PENDING }

    public EntryStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(state, "state");
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
    }

    /** The mode as four octal digits, the way the manifest writes it. */
    public String modeString() {
        String octal = Integer.toOctalString(mode);
        return "0".repeat(Math.max(0, 4 - octal.length())) + octal;
    }
}
