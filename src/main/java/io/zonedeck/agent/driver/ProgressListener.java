package io.zonedeck.agent.driver;

/** Receives the visible steps of a long operation (provisioning). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (step, progressPercent) -> {};

    void step(String step, int progressPercent);
}
