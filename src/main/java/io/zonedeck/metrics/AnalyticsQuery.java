package io.zonedeck.metrics;

import java.util.UUID;

/**
 * One Cloud-Analytics-style question: a metric (a {@link Metric} key or a {@link Distribution} key), how to split it,
 * and which machines to look at.
 *
 * @param metric a metric or distribution key, e.g. "cpu" or "disk_latency"
 * @param decomposition how to split a metric into stacked series; distributions are not split (use the filter)
 * @param machine only this machine (null: all visible)
 * @param node only machines on this node (operators)
 * @param tenant only this tenant's machines (operators)
 * @param window how far back
 */
public record AnalyticsQuery(
        String metric, Decomposition decomposition, UUID machine, UUID node, UUID tenant, Window window) {
    public static AnalyticsQuery of(String metric, Decomposition decomposition, Window window) {
        return new AnalyticsQuery(metric, decomposition, null, null, null, window);
    }
}
