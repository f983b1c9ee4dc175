package io.secretsd.systemd;

/**
 * The outcome of one unit's restart or reload. {@code result} is the job result as the service manager
 * reports it (systemd's JobRemoved: "done", "canceled", "timeout", "failed", "dependency", "skipped"),
 * or {@link #CALL_FAILED} when the request itself was refused, or {@link #NO_RESULT} when no result came
 * in time. {@code detail} says more for the last two (and for a failed launchctl), else is empty.
 */
public record UnitResult(String unit, UnitAction action, String result, String detail) {

    public static final String DONE = "done";
    public static final String CALL_FAILED = "call-failed";
    public static final String NO_RESULT = "no-result";

    public boolean ok() {
        return DONE.equals(result);
    }

    @Override
    public String toString() {
        return action.name().toLowerCase(java.util.Locale.ROOT) + " " + unit + ": " + result
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
