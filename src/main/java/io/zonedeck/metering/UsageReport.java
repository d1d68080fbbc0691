package io.zonedeck.metering;

import java.time.Instant;
import java.util.List;

/**
 * Usage rows per machine per period, and totals per tenant, of what the caller may see.
 *
 * @param from the start of the first period counted (the query's from truncated to its hour)
 * @param to the end (exclusive)
 */
public record UsageReport(
        Instant from, Instant to, Granularity granularity, List<UsageRow> rows, List<UsageTotal> totals) {}
