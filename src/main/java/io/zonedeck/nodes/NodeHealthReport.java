package io.zonedeck.nodes;

import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.SmfService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A node's SMF services and FMA faults as last read from its agent.
 *
 * @param supported false when the node's driver has no SMF/FMA, or when it has not answered yet
 * @param checkedAt when the agent answered; null when it never has since the portal started
 */
public record NodeHealthReport(
        UUID nodeId, boolean supported, List<SmfService> services, List<FmaFault> faults, Instant checkedAt) {
    static NodeHealthReport of(UUID nodeId, NodeHealth h, Instant at) {
        return new NodeHealthReport(nodeId, h.supported(), h.services(), h.faults(), at);
    }

    static NodeHealthReport unknown(UUID nodeId) {
        return new NodeHealthReport(nodeId, false, List.of(), List.of(), null);
    }

    public HealthFlag flag() {
        return HealthFlag.of(new NodeHealth(supported, services, faults));
    }
}
