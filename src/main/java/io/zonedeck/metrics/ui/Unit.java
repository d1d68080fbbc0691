package io.zonedeck.metrics.ui;

import java.util.List;
import java.util.Locale;

/**
 * The units a chart axis shows, each with its larger steps: a chart picks the step that keeps its largest value
 * readable (bytes per second as KiB/s or MiB/s, microseconds as ms or s) and divides its values by it.
 */
public enum Unit {
    PERCENT(List.of(new Scale(1, "%"))),
    MIB(List.of(new Scale(1, "MiB"), new Scale(1024, "GiB"), new Scale(1024 * 1024, "TiB"))),
    BYTES_PER_SECOND(List.of(
            new Scale(1, "B/s"),
            new Scale(1024, "KiB/s"),
            new Scale(1024 * 1024, "MiB/s"),
            new Scale(1024.0 * 1024 * 1024, "GiB/s"))),
    MICROS(List.of(new Scale(1, "µs"), new Scale(1000, "ms"), new Scale(1_000_000, "s"))),
    PACKETS_PER_SECOND(List.of(new Scale(1, "pkt/s"), new Scale(1000, "k pkt/s"), new Scale(1_000_000, "M pkt/s")));

    /** One step of a unit: values are divided by {@code divisor} and labelled {@code label}. */
    public record Scale(double divisor, String label) {
        public double apply(double value) {
            return round(value / divisor);
        }
    }

    private final List<Scale> scales;

    Unit(List<Scale> scales) {
        this.scales = scales;
    }

    /** The largest step under which {@code max} still reads as at least 1 (the base step for small values). */
    public Scale scaleFor(double max) {
        Scale chosen = scales.get(0);
        for (Scale s : scales) {
            if (Math.abs(max) >= s.divisor()) {
                chosen = s;
            }
        }
        return chosen;
    }

    /** Whether {@code value} in the step {@code current} reads better in a larger step (it reached the next one). */
    public boolean outgrows(Scale current, double value) {
        return scaleFor(value).divisor() > current.divisor();
    }

    /** A value with its best step, e.g. "1.5 MiB/s", "850 µs", "25 %". */
    public String format(double value) {
        Scale s = scaleFor(value);
        double v = value / s.divisor();
        String number = v >= 100 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
        return number + (s.label().equals("%") ? " %" : " " + s.label());
    }

    static double round(double v) {
        if (Math.abs(v) >= 100) {
            return Math.round(v * 10) / 10.0;
        }
        return Math.round(v * 100) / 100.0;
    }
}
