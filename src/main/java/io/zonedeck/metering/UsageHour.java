package io.zonedeck.metering;

import java.time.Instant;
import java.util.UUID;

/**
 * Usage of one machine in one UTC hour, to be added to the stored row of that machine and hour (created when
 * absent). The labels (tenant, names, billing tag) replace the stored ones: the newest wins.
 *
 * @param lastSampleAt epoch millis of the newest sample counted (a replayed sample not newer is not counted again)
 */
public record UsageHour(
        UUID machineId,
        Instant hourStart,
        UUID tenantId,
        String machineName,
        String packageName,
        String billingTag,
        double cpuSeconds,
        double ramGibHours,
        double diskGibHours,
        long netBytes,
        long samples,
        long lastSampleAt) {}
