package io.zonedeck.tenancy;

import io.zonedeck.security.TenantStates;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells security whether a tenant exists and may sign in (security does not depend on tenancy). */
@Component
class TenantDirectory implements TenantStates {
    private final TenantRepository tenants;

    TenantDirectory(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> find(String idOrName) {
        return TenantLookup.byIdOrName(tenants, idOrName).map(TenantEntity::getId);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isEnabled(UUID tenantId) {
        return tenants.findById(tenantId).map(TenantEntity::isEnabled).orElse(false);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean requiresTwoFactor(UUID tenantId) {
        return tenants.findById(tenantId).map(TenantEntity::isTwoFactorRequired).orElse(false);
    }
}
