package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeInfo;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heartbeats: every node is asked for its info every 5 s; one silent for 11 s becomes unknown. Health (SMF, FMA) of
 * the online nodes is polled on the same period. Every instance asks; only the holder of the node's lease records
 * the answer (or the silence) in the database (its calls time out after 3 s: the scheduler is shared).
 */
@Component
class NodeMonitor {
    static final Duration SILENCE = Duration.ofSeconds(11);
    private static final Logger log = LoggerFactory.getLogger(NodeMonitor.class);
    private final NodeRegistry registry;
    private final NodeHealthCache health;
    private final NodeLeases leases;

    NodeMonitor(NodeRegistry registry, NodeHealthCache health, NodeLeases leases) {
        this.registry = registry;
        this.health = health;
        this.leases = leases;
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 2000)
    void beat() {
        for (Node node : registry.all()) {
            boolean holder = leases.holds(node.id()); // only the lease's holder writes the node's state
            try {
                NodeInfo info = registry.client(node.id()).node();
                if (info == null || !node.name().equals(info.nodeId())) {
                    // an answer that is not this node's agent counts as silence (and is never recorded)
                    throw new AgentCallException(200, null, "the answer is not node " + node.name() + "'s", null);
                }
                if (holder) {
                    registry.heartbeat(node.id(), info);
                } else {
                    registry.observe(node.id(), info); // capacity and capabilities for this instance's placement
                }
            } catch (AgentCallException e) {
                log.debug("node {} missed a heartbeat: {}", node.name(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("heartbeat of node {} failed", node.name(), e);
            }
            if (holder) {
                registry.checkSilence(node.id(), SILENCE);
            }
        }
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 1000)
    void pollHealth() {
        for (Node node : registry.all()) {
            if (node.state() != NodeState.ONLINE) {
                continue;
            }
            try {
                health.refresh(node.id());
            } catch (AgentCallException e) {
                log.debug("node {} did not tell its health: {}", node.name(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("health poll of node {} failed", node.name(), e);
            }
        }
    }
}
