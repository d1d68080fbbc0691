package io.zonedeck.metrics;

import java.util.List;

/**
 * The answer to an {@link AnalyticsQuery}: for a metric, stacked series (the largest {@value
 * MetricsService#MAX_SERIES} by total, the rest summed as "other"); for a distribution, heatmap columns.
 *
 * @param unit the metric's unit ("µs" for distributions)
 * @param series one per decomposition key (key = id or name, label for humans); empty for distributions
 * @param heatmap the merged distribution per second or minute; empty for metrics
 * @param leftOut machines left out because their node does not measure the metric (it would read as 0 there)
 * @param leftOutNote why, for the page ("2 machines are left out: io_delay is not measured on node cn-9 (linux
 *     driver)"); null when none is
 */
public record AnalyticsResult(
        String metric,
        String label,
        String unit,
        Decomposition decomposition,
        Resolution resolution,
        List<NamedSeries> series,
        List<HeatColumn> heatmap,
        int leftOut,
        String leftOutNote) {
    public AnalyticsResult(
            String metric,
            String label,
            String unit,
            Decomposition decomposition,
            Resolution resolution,
            List<NamedSeries> series,
            List<HeatColumn> heatmap) {
        this(metric, label, unit, decomposition, resolution, series, heatmap, 0, null);
    }

    /** One stacked series. */
    public record NamedSeries(String key, String label, Series series) {}

    public boolean distribution() {
        return Distribution.byKey(metric).isPresent();
    }
}
