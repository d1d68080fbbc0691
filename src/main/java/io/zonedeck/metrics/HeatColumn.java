package io.zonedeck.metrics;

import io.zonedeck.agent.api.Histogram;

/** One column of a latency heatmap: the distribution of one second or one minute starting at {@code t}. */
public record HeatColumn(long t, Histogram histogram) {}
