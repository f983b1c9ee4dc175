package io.secretsd.activation;

/**
 * Called after each {@link Step}. Production passes {@link #NONE}; crash tests throw from it to stop an
 * activation between any two steps.
 */
@FunctionalInterface
public interface StepHook {
    void after(Step step);

    StepHook NONE = step -> { };
}
