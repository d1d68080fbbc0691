package io.zonedeck.tenancy;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.internal.QuotaRequestEntity;
import io.zonedeck.tenancy.internal.QuotaRequestRepository;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency quota raises (smartos-live#258: a full zone whose quota cannot be raised): a tenant admin asks for more
 * of one limit with a reason, at most one pending request per limit; an operator approves it (the limit is raised in
 * the same transaction) or rejects it with a note. Tenant members see their tenant's requests, operators all.
 */
@Service
public class QuotaRequestService {
    public static final int MAX_TEXT = 500;
    /** Larger limits are surely typing errors. */
    static final long MAX_VALUE = 1_000_000_000_000L;

    private final QuotaRequestRepository requests;
    private final TenantRepository tenants;
    private final QuotaService quotas;
    private final CurrentCaller caller;
    private final Clock clock;

    QuotaRequestService(
            QuotaRequestRepository requests,
            TenantRepository tenants,
            QuotaService quotas,
            CurrentCaller caller,
            Clock clock) {
        this.requests = requests;
        this.tenants = tenants;
        this.quotas = quotas;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Asks for more of one limit of the caller's tenant. Refused with field errors: an unknown or unlimited limit, a
     * value not above the current limit, a missing or too long reason (422); a request for that limit already pending
     * (409 Duplicate).
     */
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Transactional
    @Audited("quota.request")
    public QuotaRequest request(QuotaRaise raise) {
        Caller c = caller.get();
        TenantEntity tenant =
                tenants.lockById(c.tenantId()).orElseThrow(() -> ZoneDeckException.notFound("tenant " + c.tenantId()));
        Quota limits = quotas.limits(tenant.getId());
        FieldProblems p = new FieldProblems();
        String key = raise.limit() == null ? "" : raise.limit().strip();
        QuotaLimit limit = QuotaLimit.byKey(key).orElse(null);
        Long current = null;
        if (key.isEmpty()) {
            p.add("limit", FieldProblems.MISSING, "Choose the limit you need more of");
        } else if (limit == null) {
            p.add(
                    "limit",
                    FieldProblems.INVALID,
                    "No such limit: use machines, ramMiB, diskGiB, vcpus, cpuCap," + " snapshots, vnics or publicIps");
        } else {
            current = limits.get(limit);
            if (current == null) {
                p.add("limit", FieldProblems.INVALID, limit.label() + " is unlimited already");
            } else if (requests.findByTenantIdAndPendingKey(tenant.getId(), limit.key())
                    .isPresent()) {
                p.add(
                        "limit",
                        FieldProblems.DUPLICATE,
                        "A request for more " + limit.label()
                                + " is already pending: wait for the operator's decision");
            }
        }
        if (raise.value() == null) {
            p.add("value", FieldProblems.MISSING, "Enter the new limit you need");
        } else if (raise.value() > MAX_VALUE) {
            p.add("value", FieldProblems.INVALID, "At most " + MAX_VALUE);
        } else if (current != null && raise.value() <= current) {
            p.add(
                    "value",
                    FieldProblems.INVALID,
                    "Ask for more than the current limit (" + limit.format(current) + ")");
        }
        String reason = text(raise.reason(), "reason", true, p);
        p.throwIfAny();
        QuotaRequestEntity e = new QuotaRequestEntity();
        e.id = UUID.randomUUID();
        e.tenantId = tenant.getId();
        e.limitKey = limit.key();
        e.currentLimit = current;
        e.requested = raise.value();
        e.reason = reason;
        e.state = QuotaRequest.PENDING;
        e.pendingKey = limit.key();
        e.requestedBy = c.username();
        e.requestedAt = clock.instant();
        return toRecord(requests.save(e), tenant.getName());
    }

    /** The requests the caller may see, newest first: all for operators, their tenant's for members. */
    @Transactional(readOnly = true)
    public List<QuotaRequest> list() {
        Caller c = caller.get();
        List<QuotaRequestEntity> all = c.isOperator()
                ? requests.findAllByOrderByRequestedAtDesc()
                : requests.findByTenantIdOrderByRequestedAtDesc(c.tenantId());
        Map<UUID, String> names = names();
        return all.stream()
                .filter(r -> c.canAccessTenant(r.tenantId))
                .map(r -> toRecord(r, names.get(r.tenantId)))
                .toList();
    }

    /** Pending requests, oldest first (operators: all tenants'). */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional(readOnly = true)
    public List<QuotaRequest> pending() {
        Map<UUID, String> names = names();
        return requests.findByStateOrderByRequestedAtAsc(QuotaRequest.PENDING).stream()
                .map(r -> toRecord(r, names.get(r.tenantId)))
                .toList();
    }

    /** Number of pending requests per tenant id (operators). */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional(readOnly = true)
    public Map<UUID, Long> pendingByTenant() {
        Map<UUID, Long> out = new HashMap<>();
        for (Object[] row : requests.pendingByTenant()) {
            out.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return out;
    }

    /** One request the caller may see; another tenant's is NotFound. */
    @Transactional(readOnly = true)
    public QuotaRequest get(UUID id) {
        QuotaRequestEntity e = visible(id);
        return toRecord(e, names().get(e.tenantId));
    }

    /**
     * Approves a pending request (operators): the limit becomes the requested value through {@link
     * QuotaService#setQuota} in the same transaction (a limit raised further in the meantime, or unlimited, stays).
     */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("quota.approve")
    public QuotaRequest approve(UUID id, String note) {
        QuotaRequestEntity e = pendingOne(id);
        FieldProblems p = new FieldProblems();
        String n = text(note, "note", false, p);
        p.throwIfAny();
        QuotaLimit limit = QuotaLimit.byKey(e.limitKey).orElseThrow();
        Quota q = quotas.limits(e.tenantId);
        Long now = q.get(limit);
        if (now != null && now < e.requested) {
            quotas.setQuota(e.tenantId.toString(), q.with(limit, e.requested));
        }
        decide(e, QuotaRequest.APPROVED, n);
        return toRecord(e, names().get(e.tenantId));
    }

    /** Rejects a pending request with a note saying why (operators). */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("quota.reject")
    public QuotaRequest reject(UUID id, String note) {
        QuotaRequestEntity e = pendingOne(id);
        FieldProblems p = new FieldProblems();
        String n = text(note, "note", true, p);
        p.throwIfAny();
        decide(e, QuotaRequest.REJECTED, n);
        return toRecord(e, names().get(e.tenantId));
    }

    private QuotaRequestEntity pendingOne(UUID id) {
        QuotaRequestEntity e = visible(id);
        tenants.lockById(e.tenantId);
        if (!QuotaRequest.PENDING.equals(e.state)) {
            throw ZoneDeckException.conflict("AlreadyDecided", "This request was " + e.state + " already");
        }
        return e;
    }

    private void decide(QuotaRequestEntity e, String state, String note) {
        e.state = state;
        e.pendingKey = null;
        e.decidedBy = caller.get().username();
        e.decidedAt = clock.instant();
        e.note = note;
    }

    private QuotaRequestEntity visible(UUID id) {
        Caller c = caller.get();
        return requests.findById(id)
                .filter(r -> c.canAccessTenant(r.tenantId))
                .orElseThrow(() -> ZoneDeckException.notFound("quota request " + id));
    }

    /** Stripped text of at most 500 characters (line breaks and tabs allowed); null when optional and blank. */
    private static String text(String raw, String field, boolean required, FieldProblems p) {
        String t =
                raw == null ? "" : raw.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (t.isEmpty()) {
            if (required) {
                p.add(field, FieldProblems.MISSING, "reason".equals(field) ? "Say why you need more" : "Add a note");
            }
            return null;
        }
        if (t.length() > MAX_TEXT) {
            p.add(field, FieldProblems.INVALID, "At most " + MAX_TEXT + " characters (this has " + t.length() + ")");
        } else if (t.codePoints().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t')) {
            p.add(field, FieldProblems.INVALID, "Control characters are not allowed");
        }
        return t;
    }

    private Map<UUID, String> names() {
        Map<UUID, String> out = new HashMap<>();
        tenants.findAll().forEach(t -> out.put(t.getId(), t.getName()));
        return out;
    }

    private static QuotaRequest toRecord(QuotaRequestEntity e, String tenantName) {
        return new QuotaRequest(
                e.id,
                e.tenantId,
                tenantName,
                QuotaLimit.byKey(e.limitKey).orElseThrow(),
                e.currentLimit,
                e.requested,
                e.reason,
                e.state,
                e.requestedBy,
                e.requestedAt,
                e.decidedBy,
                e.decidedAt,
                e.note);
    }
}
