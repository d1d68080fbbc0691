package io.zonedeck.metrics;

import java.util.List;

/**
 * The machines and nodes the portal manages, for metrics. Implemented by the features that own them (compute for
 * machines, nodes for nodes) so metrics never depends on them; {@link MetricsService} caches the answers for a few
 * seconds, so one query for all is the expected shape. Implementations return an empty list for what they do not
 * own.
 */
public interface MetricsDirectory {
    default List<MachineRef> machines() {
        return List.of();
    }

    default List<NodeRef> nodes() {
        return List.of();
    }
}
