package io.zonedeck.nodes;

import io.zonedeck.agent.api.AgentEvent;
import io.zonedeck.agent.api.VrrpTransition;
import java.util.UUID;

/** Application events published by the nodes feature; metrics and compute listen. */
public final class NodeEvents {
    private NodeEvents() {}

    /** A machine state change or provisioning step reported by a node. */
    public record MachineEventReceived(UUID nodeId, long timestamp, AgentEvent event) {}

    /** A VRRP router on a node changed state. */
    public record VrrpTransitionReceived(UUID nodeId, VrrpTransition transition) {}

    /** A node went online or unknown. */
    public record NodeStateChanged(UUID nodeId, NodeState from, NodeState to) {}
}
