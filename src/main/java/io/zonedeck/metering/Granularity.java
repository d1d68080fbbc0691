package io.zonedeck.metering;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** How usage rows are grouped in time: by UTC hour or by UTC day. */
public enum Granularity {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration length;

    Granularity(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** The lower-case name used in URLs, JSON and CSV ({@code hour}, {@code day}). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Granularity> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Granularity g : values()) {
            if (g.label().equalsIgnoreCase(value.trim())) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
