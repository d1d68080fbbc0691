package io.zonedeck.failover;

/** RFC 5798 arithmetic and SmartOS conventions, for validation and display. */
public final class Vrrp {
    public static final int MIN_INTERVAL_MS = 10;
    public static final int MAX_INTERVAL_MS = 40950;

    private Vrrp() {}

    /** Skew_Time = ((256 − priority) × interval) / 256, in ms. */
    public static double skewMillis(int priority, int intervalMs) {
        return ((256.0 - priority) * intervalMs) / 256.0;
    }

    /** Master_Down_Interval = 3 × interval + Skew_Time, in ms. */
    public static double masterDownMillis(int priority, int intervalMs) {
        return 3.0 * intervalMs + skewMillis(priority, intervalMs);
    }

    /** The virtual router MAC address 00:00:5e:00:01:{vrid}. */
    public static String mac(int vrid) {
        return String.format("00:00:5e:00:01:%02x", vrid);
    }
}
