package io.zonedeck.compute;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Disk;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.compute.internal.NicEntity;
import io.zonedeck.compute.internal.NicRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the vmadm payload of a machine from its desired configuration (package, image, NICs, metadata). */
@Component
public class MachinePayloads {
    private final MachineRepository machines;
    private final NicRepository nics;
    private final CatalogService catalog;
    private final NetworkService networks;

    MachinePayloads(MachineRepository machines, NicRepository nics, CatalogService catalog, NetworkService networks) {
        this.machines = machines;
        this.nics = nics;
        this.catalog = catalog;
        this.networks = networks;
    }

    /** A machine's payload with the state the database last knew. */
    public record Desired(CreatePayload payload, String state) {}

    /** A NIC of a payload being previewed (the address may still be unknown). */
    record PlannedNic(Network network, String ip, boolean primary) {}

    /** Every machine the database places on a node: what a restarted (simulated) node must run again. */
    @Transactional(readOnly = true)
    public List<Desired> onNode(UUID nodeId) {
        return machines.findByNodeId(nodeId).stream()
                .filter(m -> !"deleting".equals(m.state))
                .map(m -> new Desired(payload(m), m.state))
                .toList();
    }

    CreatePayload payload(MachineEntity m) {
        Image image = catalog.imageById(m.imageId).orElseThrow(() -> new IllegalStateException("image is gone"));
        List<Nic> list = new ArrayList<>();
        List<String> resolvers = List.of();
        for (NicEntity n : nics.findByMachineIdOrderByCreatedAtAsc(m.id)) {
            if ("adding".equals(n.state)) {
                continue; // not yet on the node: its job adds it
            }
            Network net =
                    networks.findUnscoped(n.networkId).orElseThrow(() -> new IllegalStateException("network is gone"));
            list.add(nic(net, n.ip, n.primary, n.mac));
            if (n.primary) {
                resolvers = net.resolvers();
            }
        }
        return build(m.id, m.name, m.brand, image, m, list, MachineJson.strings(m.tags), metadata(m), resolvers);
    }

    /** The payload a create request would send, for validation before anything is written. */
    CreatePayload preview(
            UUID id,
            String name,
            String brand,
            Image image,
            MachinePackage pkg,
            List<PlannedNic> planned,
            Map<String, String> tags,
            Map<String, String> metadata,
            UUID tenantId) {
        MachineEntity m = new MachineEntity();
        m.id = id;
        m.brand = brand;
        m.tenantId = tenantId;
        MachineResources.apply(pkg, m);
        List<Nic> list = new ArrayList<>();
        List<String> resolvers = List.of();
        for (int i = 0; i < planned.size(); i++) {
            PlannedNic p = planned.get(i);
            String ip = p.ip() == null ? firstAddress(p.network()) : p.ip();
            list.add(nic(p.network(), ip, p.primary(), Macs.forNic(id, i)));
            if (p.primary()) {
                resolvers = p.network().resolvers();
            }
        }
        Map<String, String> md = new TreeMap<>(metadata);
        md.put("zonedeck_tenant", tenantId.toString());
        return build(id, name, brand, image, m, list, tags, md, resolvers);
    }

    static Nic nic(Network net, String ip, boolean primary, String mac) {
        return new Nic(
                net.nicTag(),
                List.of(ip + "/" + net.prefixLength()),
                primary ? List.of(net.gateway()) : List.of(),
                net.vlanId(),
                primary,
                mac,
                net.mtu());
    }

    private static CreatePayload build(
            UUID id,
            String name,
            String brand,
            Image image,
            MachineEntity m,
            List<Nic> nics,
            Map<String, String> tags,
            Map<String, String> metadata,
            List<String> resolvers) {
        boolean hvm = MachineRules.isHvm(brand);
        List<Disk> disks = hvm
                ? List.of(
                        new Disk(image.sizeMiB(), true, image.id(), "virtio"),
                        new Disk(m.diskGiB * 1024, false, null, "virtio"))
                : null;
        return new CreatePayload(
                id,
                brand,
                name,
                image.id(),
                m.ramMiB,
                m.diskGiB,
                m.cpuCap,
                m.cpuShares,
                m.zfsIoPriority,
                m.maxLwps,
                hvm ? Math.max(1, m.vcpus) : null,
                nics,
                metadata,
                tags,
                hvm ? m.ramMiB : null,
                m.maxSwapMiB,
                disks,
                resolvers.isEmpty() ? null : resolvers,
                m.cpuBaseline == 0 ? null : m.cpuBaseline,
                m.cpuBurstSeconds == 0 ? null : m.cpuBurstSeconds,
                m.diskBpsMax == 0 ? null : m.diskBpsMax,
                m.diskIopsMax == 0 ? null : m.diskIopsMax);
    }

    private static Map<String, String> metadata(MachineEntity m) {
        Map<String, String> md = new TreeMap<>(MachineJson.strings(m.customerMetadata));
        md.put("zonedeck_tenant", m.tenantId.toString());
        return md;
    }

    private static String firstAddress(Network n) {
        return n.rangeStart();
    }
}
