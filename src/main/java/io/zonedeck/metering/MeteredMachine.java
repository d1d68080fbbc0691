package io.zonedeck.metering;

import java.util.UUID;

/**
 * What metering needs to know about a machine the portal manages: whose it is, what it is called, what it is
 * billed as, and its disk size (the per-second samples carry no disk size).
 */
public record MeteredMachine(
        UUID machineId, UUID tenantId, String machineName, String packageName, String billingTag, long diskGiB) {}
