package io.zonedeck.nodes;

import io.zonedeck.metrics.MetricsDirectory;
import io.zonedeck.metrics.NodeRef;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The registered nodes with their capacity, state, health problems, driver and capabilities (what they measure), for
 * the metrics feature.
 */
@Component
class NodeMetricsDirectory implements MetricsDirectory {
    private final NodeRegistry registry;
    private final NodeHealthCache health;

    NodeMetricsDirectory(NodeRegistry registry, NodeHealthCache health) {
        this.registry = registry;
        this.health = health;
    }

    @Override
    public List<NodeRef> nodes() {
        return registry.all().stream()
                .map(n -> new NodeRef(
                        n.id(),
                        n.name(),
                        n.cpus(),
                        n.ramMiB(),
                        n.diskGiB(),
                        n.state().name().toLowerCase(java.util.Locale.ROOT),
                        problems(health.flag(n.id())),
                        n.driver(),
                        registry.capabilities(n.id()).orElse(null)))
                .toList();
    }

    private static int problems(HealthFlag f) {
        return f.faults() + f.unhealthyServices();
    }
}
