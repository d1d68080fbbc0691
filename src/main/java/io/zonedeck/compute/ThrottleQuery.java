package io.zonedeck.compute;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A machine's live throttles with their package defaults and overrides, scoped by the caller (a foreign machine
 * is NotFound, as a missing one), each marked whether the machine's node enforces it. Changes go through {@link MachineChanges#throttle}.
 */
@Service
public class ThrottleQuery {
    private final MachineRepository machines;
    private final CatalogService catalog;
    private final CurrentCaller currentCaller;
    private final NodeAbilities nodes;

    ThrottleQuery(
            MachineRepository machines, CatalogService catalog, CurrentCaller currentCaller, NodeAbilities nodes) {
        this.machines = machines;
        this.catalog = catalog;
        this.currentCaller = currentCaller;
        this.nodes = nodes;
    }

    @Transactional(readOnly = true)
    public MachineThrottles of(UUID id) {
        Caller caller = currentCaller.get();
        MachineEntity m = machines.findById(id)
                .filter(x -> caller.canAccessTenant(x.tenantId))
                .orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
        return ThrottleRules.view(m, catalog.packageById(m.packageId).orElse(null), caller, nodes.of(m.nodeId, caller));
    }
}
