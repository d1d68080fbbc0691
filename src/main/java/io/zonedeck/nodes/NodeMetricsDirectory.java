package io.zonedeck.nodes;

import io.zonedeck.metrics.MetricsDirectory;
import io.zonedeck.metrics.NodeRef;
import java.util.List;
import org.springframework.stereotype.Component;

/** The registered nodes with their capacity and state, for the metrics feature. */
@Component
class NodeMetricsDirectory implements MetricsDirectory {
    private final NodeRegistry registry;

    NodeMetricsDirectory(NodeRegistry registry) {
        this.registry = registry;
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
                        0))
                .toList();
    }
}
