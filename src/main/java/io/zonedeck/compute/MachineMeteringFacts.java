package io.zonedeck.compute;

import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.metering.MeteredMachine;
import io.zonedeck.metering.MeteredMachines;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What metering needs of every machine, in one narrow query (no tags or metadata) plus one lookup per distinct
 * package; metering caches the answer and asks again about once a minute.
 */
@Component
class MachineMeteringFacts implements MeteredMachines {
    private final EntityManager em;
    private final CatalogService catalog;

    MachineMeteringFacts(EntityManager em, CatalogService catalog) {
        this.em = em;
        this.catalog = catalog;
    }

    @Override
    @Transactional(readOnly = true)
    public List<MeteredMachine> meteredMachines() {
        List<Object[]> rows = em.createQuery(
                        "select m.id, m.tenantId, m.name, m.packageId, m.diskGiB from MachineEntity m", Object[].class)
                .getResultList();
        Map<UUID, Optional<MachinePackage>> packages = new HashMap<>();
        return rows.stream()
                .map(r -> {
                    Optional<MachinePackage> p = packages.computeIfAbsent((UUID) r[3], catalog::packageById);
                    return new MeteredMachine(
                            (UUID) r[0],
                            (UUID) r[1],
                            (String) r[2],
                            p.map(MachinePackage::name).orElse(""),
                            p.map(MachinePackage::billingTag).orElse(""),
                            ((Number) r[4]).longValue());
                })
                .toList();
    }
}
