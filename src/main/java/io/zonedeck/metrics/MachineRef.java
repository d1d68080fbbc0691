package io.zonedeck.metrics;

import java.util.UUID;

/** A managed machine as metrics sees it: enough to scope, name and decompose its series. */
public record MachineRef(UUID id, String name, UUID tenantId, String tenantName, UUID nodeId, String nodeName) {}
