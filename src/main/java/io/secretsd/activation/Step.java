package io.secretsd.activation;

/** The points between the steps of an activation, in order; a {@link StepHook} sees each one. */
public enum Step {
    MOUNTED, DECRYPTED, GENERATION_WRITTEN, GENERATION_COMPLETE, SWITCHED, LINKS_PLACED, STALE_LINKS_REMOVED,
    PRUNED, UNITS_HANDED_OVER
}
