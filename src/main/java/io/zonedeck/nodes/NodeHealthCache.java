package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeHealth;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The latest health answer of every node (kept when a poll fails: the page says when it was read). */
@Component
class NodeHealthCache {
    private final NodeRegistry registry;
    private final Clock clock;
    private final Map<UUID, NodeHealthReport> latest = new ConcurrentHashMap<>();

    NodeHealthCache(NodeRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Optional<NodeHealthReport> latest(UUID nodeId) {
        return Optional.ofNullable(latest.get(nodeId));
    }

    /** Asks the node now; throws {@link AgentCallException} when it does not answer. */
    NodeHealthReport refresh(UUID nodeId) {
        return put(nodeId, registry.client(nodeId).health());
    }

    NodeHealthReport put(UUID nodeId, NodeHealth health) {
        NodeHealthReport r = NodeHealthReport.of(nodeId, health, clock.instant());
        latest.put(nodeId, r);
        return r;
    }

    HealthFlag flag(UUID nodeId) {
        NodeHealthReport r = latest.get(nodeId);
        return r == null ? HealthFlag.NONE : r.flag();
    }
}
