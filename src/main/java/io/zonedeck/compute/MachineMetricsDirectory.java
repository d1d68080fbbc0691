package io.zonedeck.compute;

import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.MetricsDirectory;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.tenancy.TenantService;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Every managed machine with its tenant's and node's names, in one narrow query, for the metrics feature. */
@Component
class MachineMetricsDirectory implements MetricsDirectory {
    private final EntityManager em;
    private final TenantService tenants;
    private final NodeRegistry nodes;

    MachineMetricsDirectory(EntityManager em, TenantService tenants, NodeRegistry nodes) {
        this.em = em;
        this.tenants = tenants;
        this.nodes = nodes;
    }

    @Override
    @Transactional(readOnly = true)
    public List<MachineRef> machines() {
        Map<UUID, String> tenantNames = tenants.names();
        Map<UUID, String> nodeNames = nodes.all().stream().collect(Collectors.toMap(Node::id, Node::name));
        return em
                .createQuery(
                        "select m.id, m.name, m.tenantId, m.nodeId from " + MachineEntity.class.getSimpleName() + " m",
                        Object[].class)
                .getResultList()
                .stream()
                .map(r -> new MachineRef(
                        (UUID) r[0],
                        (String) r[1],
                        (UUID) r[2],
                        tenantNames.getOrDefault((UUID) r[2], "?"),
                        (UUID) r[3],
                        r[3] == null ? null : nodeNames.get((UUID) r[3])))
                .toList();
    }
}
