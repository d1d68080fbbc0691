package io.zonedeck.compute;

import java.util.UUID;

/** Published whenever a machine's state or its job's progress changes; views refresh on it. */
public record MachineChanged(UUID machineId, UUID tenantId, String state) {}
