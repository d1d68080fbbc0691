package io.zonedeck.nodes;

import io.zonedeck.audit.Audited;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.stereotype.Service;

/** Operator-facing node administration; every method requires the OPERATOR role. */
@Service
public class NodeService {
    private final NodeRegistry registry;
    private final StreamIngest ingest;

    NodeService(NodeRegistry registry, StreamIngest ingest) {
        this.registry = registry;
        this.ingest = ingest;
    }

    @RolesAllowed(Roles.OPERATOR)
    public List<NodeSummary> list() {
        return registry.all().stream()
                .map(n -> registry.latestInfo(n.id())
                        .map(i -> new NodeSummary(n, i.provisionedRamMiB(), i.provisionedDiskGiB(), i.machineCount()))
                        .orElse(new NodeSummary(n, 0, 0, 0)))
                .toList();
    }

    /** Registers a remote agent by URL and credential and starts following its stream. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("node.register")
    public Node register(String name, String url, String credential) {
        Node node = registry.register(name, url, credential);
        ingest.follow(node.id());
        return node;
    }
}
