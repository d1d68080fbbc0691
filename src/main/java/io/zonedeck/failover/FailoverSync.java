package io.zonedeck.failover;

import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeEvents;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps nodes and the portal's picture in step: routers are (re)applied from the database at start-up and
 * whenever a node comes back, and every 2 s the nodes' router lists refresh the live view.
 */
@Component
class FailoverSync {
    private static final Logger log = LoggerFactory.getLogger(FailoverSync.class);
    private final FailoverService service;
    private final FailoverMonitor monitor;
    private final NodeRegistry nodes;

    FailoverSync(FailoverService service, FailoverMonitor monitor, NodeRegistry nodes) {
        this.service = service;
        this.monitor = monitor;
        this.nodes = nodes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void applyAll() {
        nodes.all().stream().filter(n -> n.state() == NodeState.ONLINE).forEach(n -> service.reapply(n.id()));
        poll();
    }

    @EventListener
    void onNodeState(NodeEvents.NodeStateChanged e) {
        if (e.to() == NodeState.ONLINE) {
            service.reapply(e.nodeId());
        }
    }

    @Scheduled(fixedDelay = 2000, initialDelay = 3000)
    void poll() {
        for (Node n : nodes.all()) {
            if (n.state() != NodeState.ONLINE) {
                continue;
            }
            try {
                monitor.observe(nodes.client(n.id()).vrrpRouters());
            } catch (AgentCallException e) {
                log.debug("router list of {} unavailable: {}", n.name(), e.getMessage());
            }
        }
    }
}
