package io.zonedeck.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far back a chart or query looks. Up to an hour it reads per-second points (live), beyond that per-minute ones
 * (history), up to seven days.
 */
public record Window(Duration span) {
    public static final Duration MAX = Duration.ofDays(7);
    public static final Window LIVE_1M = new Window(Duration.ofMinutes(1));
    public static final Window LIVE_10M = new Window(Duration.ofMinutes(10));
    public static final Window LIVE_1H = new Window(Duration.ofHours(1));
    public static final Window HISTORY_24H = new Window(Duration.ofHours(24));
    public static final Window HISTORY_7D = new Window(Duration.ofDays(7));
    /** The windows the pickers offer. */
    public static final List<Window> PRESETS = List.of(LIVE_1M, LIVE_10M, LIVE_1H, HISTORY_24H, HISTORY_7D);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,7})\\s*([smhd]?)");

    public Window {
        if (span.isNegative() || span.isZero() || span.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a window is between 1 s and 7 days");
        }
    }

    public Resolution resolution() {
        return span.toMillis() <= Resolution.SECOND.spanMillis() ? Resolution.SECOND : Resolution.MINUTE;
    }

    public boolean live() {
        return resolution() == Resolution.SECOND;
    }

    public long millis() {
        return span.toMillis();
    }

    /** "60s", "10m", "1h", "24h", "7d" or plain seconds; empty when malformed or outside 1 s .. 7 d. */
    public static Optional<Window> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Window(d));
    }

    /** Short label: 1m, 10m, 1h, 24h, 7d, 90s. */
    public String label() {
        long s = span.toSeconds();
        if (s % 86_400 == 0 && s >= 86_400 * 2) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
