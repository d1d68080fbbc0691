package io.zonedeck.metering;

import java.time.Instant;
import java.util.UUID;

/**
 * One machine's usage in one period (a UTC hour or day).
 *
 * @param cpuSeconds CPU time used (one CPU busy for one second = 1)
 * @param ramGibHours memory cap held, in GiB × hours
 * @param diskGibHours disk size held, in GiB × hours
 * @param netBytes bytes received and sent
 * @param samples per-second samples counted
 */
public record UsageRow(
        Instant periodStart,
        UUID tenantId,
        String tenantName,
        UUID machineId,
        String machineName,
        String packageName,
        String billingTag,
        double cpuSeconds,
        double ramGibHours,
        double diskGibHours,
        long netBytes,
        long samples) {

    /** The same row labelled with its tenant's name. */
    public UsageRow withTenantName(String name) {
        return new UsageRow(
                periodStart,
                tenantId,
                name,
                machineId,
                machineName,
                packageName,
                billingTag,
                cpuSeconds,
                ramGibHours,
                diskGibHours,
                netBytes,
                samples);
    }
}
