package io.zonedeck.agent.driver.sim;

import java.time.Duration;

/**
 * Speed and addressing of the simulator.
 *
 * @param provisionTime total time of a create, split evenly over its four steps
 * @param startTime time a machine stays in state starting
 * @param stopTime time a machine stays in state stopping
 * @param ipBase IPv4 base of assigned addresses, e.g. "10.88.0" or "10.88.0.0"; machines get .10, .11, ...
 */
public record SimSettings(Duration provisionTime, Duration startTime, Duration stopTime, String ipBase) {
    public SimSettings {
        if (provisionTime.isNegative() || startTime.isNegative() || stopTime.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        Ipv4.parseBase(ipBase);
    }

    /** About 4 s provisioning, 1 s start and stop. */
    public static SimSettings defaults(String ipBase) {
        return new SimSettings(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(1), ipBase);
    }

    /** Every operation finishes at once (tests). */
    public static SimSettings instant(String ipBase) {
        return new SimSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, ipBase);
    }

    /** Provisioning takes {@code seconds}; start and stop a quarter of it, at most 1 s. */
    public static SimSettings scaled(double seconds, String ipBase) {
        Duration provision = Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000));
        Duration startStop = Duration.ofMillis(Math.min(1000, provision.toMillis() / 4));
        return new SimSettings(provision, startStop, startStop, ipBase);
    }
}
