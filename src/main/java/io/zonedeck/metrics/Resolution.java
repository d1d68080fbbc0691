package io.zonedeck.metrics;

/** The two resolutions the series store keeps. */
public enum Resolution {
    /** One point per second, for the last hour. */
    SECOND(1000L, 3600),
    /** One point per minute (the mean of its seconds), for seven days. */
    MINUTE(60_000L, 7 * 1440);

    private final long millis;
    private final int slots;

    Resolution(long millis, int slots) {
        this.millis = millis;
        this.slots = slots;
    }

    public long millis() {
        return millis;
    }

    /** How many points are kept. */
    public int slots() {
        return slots;
    }

    /** How far back this resolution reaches. */
    public long spanMillis() {
        return millis * slots;
    }
}
