package io.zonedeck.compute;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the vmadm payload of a machine from its desired configuration (package, image, network, address). */
@Component
public class MachinePayloads {
    private final MachineRepository machines;
    private final CatalogService catalog;
    private final NetworkService networks;

    MachinePayloads(MachineRepository machines, CatalogService catalog, NetworkService networks) {
        this.machines = machines;
        this.catalog = catalog;
        this.networks = networks;
    }

    /** A machine's payload with the state the database last knew. */
    public record Desired(CreatePayload payload, String state) {}

    /** Every machine the database places on a node: what a restarted (simulated) node must run again. */
    @Transactional(readOnly = true)
    public List<Desired> onNode(UUID nodeId) {
        return machines.findByNodeId(nodeId).stream()
                .filter(m -> !"deleting".equals(m.state))
                .map(m -> new Desired(payload(m), m.state))
                .toList();
    }

    CreatePayload payload(MachineEntity m) {
        MachinePackage pkg =
                catalog.packageById(m.packageId).orElseThrow(() -> new IllegalStateException("package is gone"));
        Network net = networks.find(m.networkId).orElseThrow(() -> new IllegalStateException("network is gone"));
        boolean hvm = "kvm".equals(m.brand) || "bhyve".equals(m.brand);
        return new CreatePayload(
                m.id,
                m.brand,
                m.name,
                m.imageId,
                pkg.ramMiB(),
                pkg.diskGiB(),
                pkg.cpuCap(),
                pkg.cpuShares(),
                pkg.zfsIoPriority(),
                pkg.maxLwps(),
                hvm ? Math.max(1, pkg.vcpus()) : null,
                List.of(new Nic(
                        net.nicTag(),
                        List.of(m.ip + "/" + net.prefixLength()),
                        List.of(net.gateway()),
                        net.vlanId(),
                        true)),
                Map.of(),
                Map.of("zonedeck_tenant", m.tenantId.toString()));
    }
}
