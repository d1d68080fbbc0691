package io.zonedeck.tenancy;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantQuotaEntity;
import io.zonedeck.tenancy.internal.TenantQuotaRepository;
import io.zonedeck.tenancy.internal.TenantRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants' quotas. Operators set them; a tenant's members read their own. An operation that grows what a tenant
 * holds calls {@link #reserve} inside the transaction that records the growth (the machine row, the NIC row, the
 * resized sizes, the snapshot job): the tenant's row stays locked until that transaction commits, so concurrent
 * operations of one tenant are checked one after the other against everything committed before them, and a
 * failed or deleted machine gives its share back simply by no longer holding it.
 */
@Service
public class QuotaService {
    private final TenantRepository tenants;
    private final TenantQuotaRepository quotas;
    private final QuotaUsageSource usage;
    private final CurrentCaller caller;
    private final Clock clock;

    QuotaService(
            TenantRepository tenants,
            TenantQuotaRepository quotas,
            QuotaUsageSource usage,
            CurrentCaller caller,
            Clock clock) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.usage = usage;
        this.caller = caller;
        this.clock = clock;
    }

    /** Limits and usage of a tenant named by id or name; a tenant the caller may not see is NotFound. */
    @Transactional(readOnly = true)
    public QuotaStatus status(String tenantIdOrName) {
        TenantEntity t = TenantLookup.visible(tenants, caller.get(), tenantIdOrName);
        return new QuotaStatus(t.getId(), t.getName(), limits(t.getId()), usage.usage(t.getId()));
    }

    /** The caller's own tenant's limits and usage (operators have none). */
    @Transactional(readOnly = true)
    public java.util.Optional<QuotaStatus> mine() {
        Caller c = caller.get();
        return c.tenantId() == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(status(c.tenantId().toString()));
    }

    /** Replaces a tenant's limits (null = unlimited). Lowering below what is in use takes nothing away. */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("quota.set")
    public QuotaStatus setQuota(String tenantIdOrName, Quota quota) {
        TenantEntity t = TenantLookup.visible(tenants, caller.get(), tenantIdOrName);
        List<FieldProblem> problems = quota == null ? List.of() : quota.problems();
        if (!problems.isEmpty()) {
            throw ZoneDeckException.invalid(problems);
        }
        Quota q = quota == null ? Quota.UNLIMITED : quota;
        TenantQuotaEntity e = quotas.findById(t.getId()).orElseGet(TenantQuotaEntity::new);
        e.tenantId = t.getId();
        e.machines = q.machines();
        e.ramMiB = q.ramMiB();
        e.diskGiB = q.diskGiB();
        e.vcpus = q.vcpus();
        e.cpuCap = q.cpuCap();
        e.snapshots = q.snapshots();
        e.vnics = q.vnics();
        e.publicIps = q.publicIps();
        e.updatedAt = clock.instant();
        quotas.save(e);
        return new QuotaStatus(t.getId(), t.getName(), q, usage.usage(t.getId()));
    }

    /**
     * Checks that {@code delta} fits the tenant's quota and holds the tenant's lock until the caller's
     * transaction ends; the caller records the growth in the same transaction. Refused with 409 QuotaExceeded,
     * one field error per exhausted limit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(UUID tenantId, QuotaUsage delta) {
        tenants.lockById(tenantId).orElseThrow(() -> ZoneDeckException.notFound("tenant " + tenantId));
        Quota q = limits(tenantId);
        if (q.equals(Quota.UNLIMITED)) {
            return;
        }
        List<FieldProblem> exceeded = q.exceededBy(usage.usage(tenantId), delta);
        if (!exceeded.isEmpty()) {
            throw new ZoneDeckException("QuotaExceeded", 409, exceeded.get(0).message(), exceeded);
        }
    }

    /**
     * The limits {@code delta} would pass, without locking or reserving anything (a preview: only {@link #reserve}
     * decides). No scope check: compute calls it for a tenant it has already scoped.
     */
    @Transactional(readOnly = true)
    public List<FieldProblem> check(UUID tenantId, QuotaUsage delta) {
        Quota q = limits(tenantId);
        return q.equals(Quota.UNLIMITED) ? List.of() : q.exceededBy(usage.usage(tenantId), delta);
    }

    /** A tenant's limits without a scope check (compute uses it for the wizard's impact preview). */
    @Transactional(readOnly = true)
    public Quota limits(UUID tenantId) {
        return quotas.findById(tenantId)
                .map(e -> new Quota(
                        e.machines, e.ramMiB, e.diskGiB, e.vcpus, e.cpuCap, e.snapshots, e.vnics, e.publicIps))
                .orElse(Quota.UNLIMITED);
    }
}
