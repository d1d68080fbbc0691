package io.zonedeck.agent.driver;

import java.time.Duration;

/** Waits; tests pass one that returns at once. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    };

    Sleeper NONE = duration -> {};

    void sleep(Duration duration) throws InterruptedException;
}
