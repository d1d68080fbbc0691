package io.zonedeck.agent.api;

import java.util.List;

/**
 * Answer of {@code GET /v1/health}: the node's SMF services and its FMA faults, as the platform reports them.
 *
 * @param supported false when the driver cannot tell (no SMF/FMA on the platform); the lists are then empty
 */
public record NodeHealth(boolean supported, List<SmfService> services, List<FmaFault> faults) {
    public static final NodeHealth UNSUPPORTED = new NodeHealth(false, List.of(), List.of());
}
