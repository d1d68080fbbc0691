package io.zonedeck.compute;

import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.tenancy.QuotaUsage;
import io.zonedeck.tenancy.QuotaUsageSource;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a tenant's machines hold, for its quota: machines placed on a node (a failed create gave its node back),
 * their sizes (vCPUs are those of hardware VMs; zones are bounded by cpu_cap), snapshots taken or being taken,
 * VNICs, and VNICs on public networks as public IPs.
 */
@Component
class MachineQuotaUsage implements QuotaUsageSource {
    private final MachineRepository machines;
    private final NetworkService networks;

    MachineQuotaUsage(MachineRepository machines, NetworkService networks) {
        this.machines = machines;
        this.networks = networks;
    }

    @Override
    @Transactional(readOnly = true)
    public QuotaUsage usage(UUID tenantId) {
        Object[] h = machines.holdingsOf(tenantId).get(0);
        Set<UUID> publicNets = networks.list().stream()
                .filter(Network::isPublic)
                .map(Network::id)
                .collect(Collectors.toSet());
        long vnics = 0;
        long publicIps = 0;
        for (Object[] row : machines.nicsByNetworkOf(tenantId)) {
            long n = ((Number) row[1]).longValue();
            vnics += n;
            if (publicNets.contains((UUID) row[0])) {
                publicIps += n;
            }
        }
        return new QuotaUsage(
                num(h[0]),
                num(h[1]),
                num(h[2]),
                num(h[3]),
                num(h[4]),
                machines.snapshotsOf(tenantId) + machines.snapshotsBeingTakenBy(tenantId),
                vnics,
                publicIps);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
