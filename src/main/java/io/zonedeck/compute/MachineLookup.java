package io.zonedeck.compute;

import io.zonedeck.compute.internal.MachineRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internal API for features that place things on machines (failover pairs): where a machine runs. It does
 * no tenant scoping; callers check {@link io.zonedeck.security.Caller#canAccessTenant} first.
 */
@Component
public class MachineLookup {
    private final MachineRepository machines;

    MachineLookup(MachineRepository machines) {
        this.machines = machines;
    }

    /** A machine's placement facts. */
    public record MachineRef(
            UUID id, UUID tenantId, String name, String brand, String state, String ip, UUID nodeId, UUID networkId) {
        public boolean isHvm() {
            return "kvm".equals(brand) || "bhyve".equals(brand);
        }
    }

    @Transactional(readOnly = true)
    public Optional<MachineRef> find(UUID id) {
        return machines.findById(id).map(MachineLookup::ref);
    }

    /** By id, or by name within the tenant. */
    @Transactional(readOnly = true)
    public Optional<MachineRef> find(UUID tenantId, String idOrName) {
        try {
            return find(UUID.fromString(idOrName))
                    .filter(m -> tenantId == null || m.tenantId().equals(tenantId));
        } catch (IllegalArgumentException e) {
            return tenantId == null
                    ? Optional.empty()
                    : machines.findByTenantIdAndName(tenantId, idOrName).map(MachineLookup::ref);
        }
    }

    private static MachineRef ref(io.zonedeck.compute.internal.MachineEntity m) {
        return new MachineRef(m.id, m.tenantId, m.name, m.brand, m.state, m.ip, m.nodeId, m.networkId);
    }
}
