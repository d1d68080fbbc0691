package io.zonedeck.network;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.network.internal.IpAllocationEntity;
import io.zonedeck.network.internal.IpAllocationRepository;
import io.zonedeck.network.internal.NetworkEntity;
import io.zonedeck.network.internal.NetworkRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Networks and IP allocation. Allocation is serialised per JVM and guarded by a unique key in the schema. */
@Service
public class NetworkService {
    private final NetworkRepository networks;
    private final IpAllocationRepository allocations;

    NetworkService(NetworkRepository networks, IpAllocationRepository allocations) {
        this.networks = networks;
        this.allocations = allocations;
    }

    @Transactional
    public Network create(
            String name, String nicTag, int vlanId, String subnet, String gateway, String rangeStart, String rangeEnd) {
        NetworkEntity n = new NetworkEntity();
        n.id = UUID.randomUUID();
        n.name = name;
        n.nicTag = nicTag;
        n.vlanId = vlanId;
        n.subnet = subnet;
        n.gateway = gateway;
        n.rangeStart = rangeStart;
        n.rangeEnd = rangeEnd;
        return toRecord(networks.save(n));
    }

    @Transactional(readOnly = true)
    public List<Network> list() {
        return networks.findAll().stream().map(NetworkService::toRecord).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Network> find(UUID id) {
        return networks.findById(id).map(NetworkService::toRecord);
    }

    /** Networks a tenant may use: public ones and its own ({@code tenantId} null = operator: all). */
    @Transactional(readOnly = true)
    public List<Network> usableBy(UUID tenantId) {
        return networks.findAll().stream()
                .map(NetworkService::toRecord)
                .filter(n -> n.usableBy(tenantId))
                .sorted(java.util.Comparator.comparing(Network::name))
                .toList();
    }

    /**
     * Allocates {@code requestedIp} (when not null: it must be in the subnet, not the gateway, and free) or else
     * the lowest free address of the range, for {@code ownerId}. Problems are reported on field {@code field}.
     */
    @Transactional
    public synchronized String allocate(UUID networkId, UUID ownerId, String requestedIp, String field) {
        if (requestedIp == null || requestedIp.isBlank()) {
            return allocate(networkId, ownerId);
        }
        NetworkEntity n = networks.findById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        String ip = requestedIp.trim();
        if (!Ipv4.isValid(ip) || !Ipv4.inSubnet(ip, n.subnet)) {
            throw ZoneDeckException.invalid(
                    field, ip + " is not an address of network " + n.name + " (" + n.subnet + ")");
        }
        if (ip.equals(n.gateway)
                || allocations.findByNetworkId(networkId).stream().anyMatch(a -> a.ip.equals(ip))) {
            throw new ZoneDeckException(
                    "Duplicate",
                    409,
                    ip + " is already in use",
                    List.of(new ZoneDeckException.FieldProblem(field, "Duplicate", ip + " is already in use")));
        }
        IpAllocationEntity a = new IpAllocationEntity();
        a.id = UUID.randomUUID();
        a.networkId = networkId;
        a.ip = ip;
        a.ownerId = ownerId;
        allocations.saveAndFlush(a);
        return ip;
    }

    /** Releases one address (a removed NIC's). */
    @Transactional
    public void releaseIp(UUID networkId, String ip) {
        allocations.findByNetworkId(networkId).stream()
                .filter(a -> a.ip.equals(ip))
                .forEach(allocations::delete);
    }

    /** The lowest free address of the network's range, recorded for {@code ownerId}. */
    @Transactional
    public synchronized String allocate(UUID networkId, UUID ownerId) {
        NetworkEntity n = networks.findById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        Set<Long> used = allocations.findByNetworkId(networkId).stream()
                .map(a -> Ipv4.toLong(a.ip))
                .collect(Collectors.toSet());
        for (long ip = Ipv4.toLong(n.rangeStart); ip <= Ipv4.toLong(n.rangeEnd); ip++) {
            if (!used.contains(ip)) {
                IpAllocationEntity a = new IpAllocationEntity();
                a.id = UUID.randomUUID();
                a.networkId = networkId;
                a.ip = Ipv4.toString(ip);
                a.ownerId = ownerId;
                allocations.saveAndFlush(a);
                return a.ip;
            }
        }
        throw new ZoneDeckException(
                "InsufficientCapacity", 409, "network " + n.name + " has no free addresses", List.of());
    }

    /** Reserves a specific address of the network (a virtual IP, say) for {@code ownerId}. */
    @Transactional
    public synchronized void reserve(UUID networkId, String ip, UUID ownerId) {
        NetworkEntity n = networks.findById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        if (!Ipv4.isValid(ip) || !Ipv4.inSubnet(ip, n.subnet)) {
            throw ZoneDeckException.invalid(
                    "vip", ip + " is not an address of network " + n.name + " (" + n.subnet + ")");
        }
        if (ip.equals(n.gateway)
                || allocations.findByNetworkId(networkId).stream().anyMatch(a -> a.ip.equals(ip))) {
            throw new ZoneDeckException(
                    "Duplicate",
                    409,
                    ip + " is already in use",
                    List.of(new ZoneDeckException.FieldProblem("vip", "Duplicate", ip + " is already in use")));
        }
        IpAllocationEntity a = new IpAllocationEntity();
        a.id = UUID.randomUUID();
        a.networkId = networkId;
        a.ip = ip;
        a.ownerId = ownerId;
        allocations.saveAndFlush(a);
    }

    /** Releases every address held by {@code ownerId}. */
    @Transactional
    public void release(UUID ownerId) {
        allocations.deleteByOwnerId(ownerId);
    }

    private static Network toRecord(NetworkEntity n) {
        return new Network(
                n.id,
                n.name,
                n.nicTag,
                n.vlanId,
                n.subnet,
                n.gateway,
                n.rangeStart,
                n.rangeEnd,
                n.resolvers.isEmpty() ? List.of() : List.of(n.resolvers.split(",")),
                n.mtu,
                n.ownerTenantId);
    }
}
