package io.zonedeck.compute;

import java.time.Instant;
import java.util.UUID;

/** A machine for lists, detail pages and the API. {@code nodeName} is null for tenants: they never see nodes. */
public record MachineSummary(
        UUID id,
        String name,
        String brand,
        String state,
        UUID tenantId,
        String tenantName,
        String imageName,
        String packageName,
        UUID nodeId,
        String nodeName,
        String ip,
        long ramMiB,
        long diskGiB,
        int cpuCap,
        Instant createdAt,
        String error) {}
