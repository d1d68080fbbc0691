package io.zonedeck.compute;

import io.zonedeck.catalog.CatalogUsage;
import io.zonedeck.compute.internal.MachineRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Packages and images in use by machines: the catalog keeps them immutable and undeletable. */
@Component
class MachineCatalogUsage implements CatalogUsage {
    private final MachineRepository machines;

    MachineCatalogUsage(MachineRepository machines) {
        this.machines = machines;
    }

    @Override
    @Transactional(readOnly = true)
    public long machinesUsingPackage(UUID id) {
        return machines.countByPackageId(id);
    }

    @Override
    @Transactional(readOnly = true)
    public long machinesUsingImage(UUID id) {
        return machines.countByImageId(id);
    }
}
