package io.secretsd.activation;

import io.secretsd.manifest.Entry;
import io.secretsd.manifest.Template;
import java.util.Set;

/**
 * Which entries an activation computes anew. {@link #ALL} decrypts and renders everything (boot, SIGHUP,
 * {@code secretsctl reload}, {@code secretsd activate}). {@link #only} recomputes the named secrets and
 * templates and carries every other entry over from generation {@code base}, hard-linked, never decrypted nor
 * read: the daemon after a change, for what the changed files reach. {@code base} must be the current
 * generation and have been made from the same manifest; when it is not the current one, everything is computed.
 */
public record Scope(boolean all, Set<String> secrets, Set<String> templates, int base) {
    public static final Scope ALL = new Scope(true, Set.of(), Set.of(), 0);

    /** How the error of a carried entry that could not be linked begins: the daemon then activates in full. */
    public static final String CARRY_FAILED = "cannot carry ";

    public Scope {
        secrets = Set.copyOf(secrets);
        templates = Set.copyOf(templates);
    }

    public static Scope only(Set<String> secrets, Set<String> templates, int base) {
        return new Scope(false, secrets, templates, base);
    }

    boolean recomputes(Entry e) {
        return all || (e instanceof Template ? templates : secrets).contains(e.name());
    }
}
