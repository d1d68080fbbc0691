package io.zonedeck.tenancy;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {
    private final TenantRepository tenants;
    private final Clock clock;

    TenantService(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional
    @Audited("tenant.create")
    public Tenant create(String name, String displayName) {
        if (tenants.findByName(name).isPresent()) {
            throw ZoneDeckException.conflict("Duplicate", "tenant " + name + " already exists");
        }
        TenantEntity t = tenants.save(new TenantEntity(UUID.randomUUID(), name, displayName, clock.instant()));
        return toRecord(t);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findByName(String name) {
        return tenants.findByName(name).map(TenantService::toRecord);
    }

    /** Tenant names by id, for labelling lists. */
    @Transactional(readOnly = true)
    public Map<UUID, String> names() {
        return tenants.findAll().stream().collect(Collectors.toMap(TenantEntity::getId, TenantEntity::getName));
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return tenants.findAll().stream().map(TenantService::toRecord).toList();
    }

    private static Tenant toRecord(TenantEntity t) {
        return new Tenant(t.getId(), t.getName(), t.getDisplayName());
    }
}
