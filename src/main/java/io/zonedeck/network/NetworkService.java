package io.zonedeck.network;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.network.internal.IpAllocationEntity;
import io.zonedeck.network.internal.IpAllocationRepository;
import io.zonedeck.network.internal.NetworkEntity;
import io.zonedeck.network.internal.NetworkRepository;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.HashSet;
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

    private static final Comparator<Network> ORDER =
            Comparator.comparing((Network n) -> !n.isPublic()).thenComparing(Network::name);

    private final TenantService tenants;
    private final CurrentCaller caller;

    NetworkService(
            NetworkRepository networks,
            IpAllocationRepository allocations,
            TenantService tenants,
            CurrentCaller caller) {
        this.networks = networks;
        this.allocations = allocations;
        this.tenants = tenants;
        this.caller = caller;
    }

    /** A public network with VLAN-less defaults (MTU 1500, no resolvers); see {@link #create(NetworkRequest)}. */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("network.create")
    public Network create(
            String name, String nicTag, int vlanId, String subnet, String gateway, String rangeStart, String rangeEnd) {
        return create(
                new NetworkRequest(name, nicTag, vlanId, subnet, gateway, rangeStart, rangeEnd, null, null, null));
    }

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("network.create")
    public Network create(NetworkRequest request) {
        NetworkRequest r = NetworkRules.withDefaults(request);
        FieldProblems p = NetworkRules.check(r);
        UUID owner = owner(p, r.ownerTenant());
        if (!p.has("name") && networks.findByName(r.name()).isPresent()) {
            p.add("name", FieldProblems.DUPLICATE, "A network named " + r.name() + " already exists");
        }
        p.throwIfAny();
        NetworkEntity n = new NetworkEntity();
        n.id = UUID.randomUUID();
        apply(n, r, owner);
        return toRecord(networks.save(n));
    }

    /**
     * Changes a network: values not given stay ({@code ownerTenant} "" makes it public). While addresses are
     * allocated its subnet, range, NIC tag and VLAN are fixed and it can only become public (409 InUse).
     */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("network.update")
    public Network update(UUID id, NetworkRequest request) {
        NetworkEntity n = networks.findById(id).orElseThrow(() -> ZoneDeckException.notFound("network " + id));
        NetworkRequest r = NetworkRules.withDefaults(new NetworkRequest(
                request.name() == null ? n.name : request.name(),
                request.nicTag() == null ? n.nicTag : request.nicTag(),
                request.vlanId() == null ? n.vlanId : request.vlanId(),
                request.subnet() == null ? n.subnet : request.subnet(),
                request.gateway() == null ? n.gateway : request.gateway(),
                request.rangeStart() == null ? n.rangeStart : request.rangeStart(),
                request.rangeEnd() == null ? n.rangeEnd : request.rangeEnd(),
                request.resolvers() == null ? resolvers(n) : request.resolvers(),
                request.mtu() == null ? n.mtu : request.mtu(),
                request.ownerTenant() == null
                        ? (n.ownerTenantId == null ? "" : n.ownerTenantId.toString())
                        : request.ownerTenant()));
        FieldProblems p = NetworkRules.check(r);
        UUID owner = owner(p, r.ownerTenant());
        if (!p.has("name")
                && !r.name().equals(n.name)
                && networks.findByName(r.name()).isPresent()) {
            p.add("name", FieldProblems.DUPLICATE, "A network named " + r.name() + " already exists");
        }
        List<IpAllocationEntity> held = allocations.findByNetworkId(id);
        if (!p.has("gateway")
                && !r.gateway().equals(n.gateway)
                && held.stream().anyMatch(a -> a.ip.equals(r.gateway()))) {
            p.add("gateway", FieldProblems.DUPLICATE, r.gateway() + " is already in use");
        }
        p.throwIfAny();
        if (!held.isEmpty()) {
            boolean fixedChange = !r.subnet().equals(n.subnet)
                    || !r.rangeStart().equals(n.rangeStart)
                    || !r.rangeEnd().equals(n.rangeEnd)
                    || !r.nicTag().equals(n.nicTag)
                    || r.vlanId() != n.vlanId;
            boolean ownerChange = owner != null && !owner.equals(n.ownerTenantId);
            if (fixedChange || ownerChange) {
                throw ZoneDeckException.conflict(
                        "InUse",
                        "network " + n.name + " has " + held.size() + " allocated address"
                                + (held.size() == 1 ? "" : "es") + ": its subnet, range, NIC tag, VLAN and owner"
                                + " cannot change (it can only become public)");
            }
        }
        apply(n, r, owner);
        return toRecord(networks.save(n));
    }

    /** Deletes a network without allocated addresses (409 InUse otherwise). */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("network.delete")
    public void delete(UUID id) {
        NetworkEntity n = networks.findById(id).orElseThrow(() -> ZoneDeckException.notFound("network " + id));
        long held = allocations.countByNetworkId(id);
        if (held > 0) {
            throw ZoneDeckException.conflict(
                    "InUse",
                    "network " + n.name + " has " + held + " allocated address" + (held == 1 ? "" : "es")
                            + ": release them first");
        }
        networks.delete(n);
    }

    /**
     * Every network: public ones first, then by name. Machine placement takes the first one, so the order is
     * stable.
     */
    @Transactional(readOnly = true)
    public List<Network> list() {
        return networks.findAll().stream()
                .map(NetworkService::toRecord)
                .sorted(ORDER)
                .toList();
    }

    /** Every network, for operators (same order as {@link #list()}). */
    @Transactional(readOnly = true)
    @RolesAllowed(Roles.OPERATOR)
    public List<Network> listAll() {
        return list();
    }

    /** Addresses in range, used, and allocated in the whole subnet. */
    @Transactional(readOnly = true)
    @RolesAllowed(Roles.OPERATOR)
    public NetworkUsage usage(UUID networkId) {
        NetworkEntity n =
                networks.findById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network " + networkId));
        long start = Ipv4.toLong(n.rangeStart);
        long end = Ipv4.toLong(n.rangeEnd);
        List<IpAllocationEntity> held = allocations.findByNetworkId(networkId);
        long inRange = held.stream()
                .mapToLong(a -> Ipv4.toLong(a.ip))
                .filter(ip -> ip >= start && ip <= end)
                .count();
        long gatewayInRange = Ipv4.toLong(n.gateway) >= start && Ipv4.toLong(n.gateway) <= end ? 1 : 0;
        return new NetworkUsage(Math.max(0, end - start + 1 - gatewayInRange), inRange, held.size());
    }

    /**
     * Any network, whoever asks: for features that have already scoped their caller, and for jobs, which run
     * without one. Views and controllers use {@link #get(UUID)}.
     */
    @Transactional(readOnly = true)
    public Optional<Network> findUnscoped(UUID id) {
        return networks.findById(id).map(NetworkService::toRecord);
    }

    /** The networks the signed-in caller may use (operators: all). */
    @Transactional(readOnly = true)
    public List<Network> visible() {
        Caller c = caller.get();
        return usableBy(c.isOperator() ? null : c.tenantId());
    }

    /** A network the signed-in caller may use; another tenant's private network is not found, like a missing one. */
    @Transactional(readOnly = true)
    public Network get(UUID id) {
        Caller c = caller.get();
        return findUnscoped(id)
                .filter(n -> c.isOperator() || n.usableBy(c.tenantId()))
                .orElseThrow(() -> ZoneDeckException.notFound("network " + id));
    }

    /** Networks a tenant may use: public ones and its own ({@code tenantId} null = operator: all). */
    @Transactional(readOnly = true)
    public List<Network> usableBy(UUID tenantId) {
        return list().stream().filter(n -> n.usableBy(tenantId)).toList();
    }

    /**
     * Allocates {@code requestedIp} (when not null: it must be in the subnet, not the gateway, and free) or else
     * the lowest free address of the range, for {@code ownerId}. FieldProblems are reported on field {@code field}.
     */
    @Transactional
    public String allocate(UUID networkId, UUID ownerId, String requestedIp, String field) {
        if (requestedIp == null) {
            return allocate(networkId, ownerId);
        }
        NetworkEntity n = networks.lockById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        String ip = requestedIp;
        if (!Ipv4.isValid(ip) || !Ipv4.inSubnet(ip, n.subnet)) {
            throw ZoneDeckException.invalid(
                    field,
                    io.zonedeck.base.Printable.of(ip) + " is not an address of network " + n.name + " (" + n.subnet
                            + ")");
        }
        if (ip.equals(n.gateway) || taken(networkId).contains(ip)) {
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
    public String allocate(UUID networkId, UUID ownerId) {
        NetworkEntity n = networks.lockById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        Set<Long> used = taken(networkId).stream().map(Ipv4::toLong).collect(Collectors.toSet());
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
    public void reserve(UUID networkId, String ip, UUID ownerId) {
        NetworkEntity n = networks.lockById(networkId).orElseThrow(() -> ZoneDeckException.notFound("network"));
        if (!Ipv4.isValid(ip) || !Ipv4.inSubnet(ip, n.subnet)) {
            throw ZoneDeckException.invalid(
                    "vip", ip + " is not an address of network " + n.name + " (" + n.subnet + ")");
        }
        if (ip.equals(n.gateway) || taken(networkId).contains(ip)) {
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

    /**
     * The network's addresses in use. Callers hold the network's row lock, so another transaction (on any
     * instance) that took an address has committed it before this one reads.
     */
    private Set<String> taken(UUID networkId) {
        return new HashSet<>(allocations.ipsIn(networkId));
    }

    /** Releases every address held by {@code ownerId}. */
    @Transactional
    public void release(UUID ownerId) {
        allocations.deleteByOwnerId(ownerId);
    }

    /** The owner a request names (null = public), or null after recording that no such tenant exists. */
    private UUID owner(FieldProblems p, String ownerTenant) {
        if (ownerTenant == null || ownerTenant.isBlank()) {
            return null;
        }
        Optional<Tenant> t = tenants.list().stream()
                .filter(x -> x.id().toString().equals(ownerTenant) || x.name().equals(ownerTenant))
                .findFirst();
        if (t.isEmpty()) {
            p.add("ownerTenant", FieldProblems.INVALID, "No tenant " + ownerTenant + " exists");
            return null;
        }
        return t.get().id();
    }

    private static void apply(NetworkEntity n, NetworkRequest r, UUID owner) {
        n.name = r.name();
        n.nicTag = r.nicTag();
        n.vlanId = r.vlanId();
        n.subnet = r.subnet();
        n.gateway = r.gateway();
        n.rangeStart = r.rangeStart();
        n.rangeEnd = r.rangeEnd();
        n.resolvers = String.join(",", r.resolvers());
        n.mtu = r.mtu();
        n.ownerTenantId = owner;
    }

    private static List<String> resolvers(NetworkEntity n) {
        return n.resolvers.isEmpty() ? List.of() : List.of(n.resolvers.split(","));
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
                resolvers(n),
                n.mtu,
                n.ownerTenantId);
    }
}
