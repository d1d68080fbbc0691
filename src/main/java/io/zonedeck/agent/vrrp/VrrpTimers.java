package io.zonedeck.agent.vrrp;

/** RFC 5798 section 6.1 timer formulas, in milliseconds. */
public final class VrrpTimers {
    private VrrpTimers() {}

    /** Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256. */
    public static double skewTimeMs(int priority, double masterAdverIntervalMs) {
        return ((256 - priority) * masterAdverIntervalMs) / 256.0;
    }

    /** Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time. */
    public static double masterDownIntervalMs(int priority, double masterAdverIntervalMs) {
        return 3 * masterAdverIntervalMs + skewTimeMs(priority, masterAdverIntervalMs);
    }
}
