package io.zonedeck.tenancy;

import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every tenant with its users, quota and pending requests, for operators. A service of its own because {@link
 * TenantService} cannot depend on quotas: compute's usage source needs networks, which need tenants.
 */
@Service
public class TenantOverviews {
    private final TenantService tenants;
    private final QuotaService quotas;
    private final QuotaRequestService requests;
    private final UserService users;

    TenantOverviews(TenantService tenants, QuotaService quotas, QuotaRequestService requests, UserService users) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.requests = requests;
        this.users = users;
    }

    @RolesAllowed(Roles.OPERATOR)
    @Transactional(readOnly = true)
    public List<TenantOverview> all() {
        Map<UUID, Long> userCounts = users.countsByTenant();
        Map<UUID, Long> pending = requests.pendingByTenant();
        return tenants.list().stream()
                .map(t -> new TenantOverview(
                        t,
                        userCounts.getOrDefault(t.id(), 0L),
                        quotas.status(t.id().toString()),
                        pending.getOrDefault(t.id(), 0L)))
                .toList();
    }
}
