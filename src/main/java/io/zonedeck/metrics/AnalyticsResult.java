package io.zonedeck.metrics;

import java.util.List;

/**
 * The answer to an {@link AnalyticsQuery}: for a metric, stacked series (the largest {@value
 * MetricsService#MAX_SERIES} by total, the rest summed as "other"); for a distribution, heatmap columns.
 *
 * @param unit the metric's unit ("µs" for distributions)
 * @param series one per decomposition key (key = id or name, label for humans); empty for distributions
 * @param heatmap the merged distribution per second or minute; empty for metrics
 */
public record AnalyticsResult(
        String metric,
        String label,
        String unit,
        Decomposition decomposition,
        Resolution resolution,
        List<NamedSeries> series,
        List<HeatColumn> heatmap) {
    /** One stacked series. */
    public record NamedSeries(String key, String label, Series series) {}

    public boolean distribution() {
        return Distribution.byKey(metric).isPresent();
    }
}
