package io.zonedeck.metering;

import java.util.UUID;

/** One tenant's usage over the whole range of a report. */
public record UsageTotal(
        UUID tenantId,
        String tenantName,
        double cpuSeconds,
        double ramGibHours,
        double diskGibHours,
        long netBytes,
        long samples) {}
