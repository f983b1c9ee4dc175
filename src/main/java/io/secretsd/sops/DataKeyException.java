package io.secretsd.sops;

import java.util.List;

/**
 * The data key could not be recovered. {@link #attempts()} lists every master key that was tried and why it
 * failed, so the message can say which recipients were tried.
 */
public final class DataKeyException extends SopsException {
    /** One master key that was tried: its description (type and recipient/fingerprint) and the reason it failed. */
    public record Attempt(String key, String reason) {}

    private final List<Attempt> attempts;

    public DataKeyException(String message, List<Attempt> attempts) {
        super(message + describe(attempts));
        this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    private static String describe(List<Attempt> attempts) {
        StringBuilder b = new StringBuilder();
        // one line: an activation report and a log line hold one failure each
        for (Attempt a : attempts) b.append(b.isEmpty() ? " (tried " : "; ").append(a.key()).append(": ").append(a.reason());
        return b.isEmpty() ? "" : b.append(")").toString();
    }
}
