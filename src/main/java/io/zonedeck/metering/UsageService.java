package io.zonedeck.metering;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.metering.internal.UsageHours;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Metered usage, scoped by the caller: tenant users (admins and users) see their own tenant only, operators
 * every tenant (or the one they filter by). A tenant caller asking for another tenant gets an empty report,
 * exactly as for a tenant without usage.
 */
@Service
public class UsageService {
    /** The longest range one question may span. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);
    /** The most rows one report holds (a longer range needs granularity day). */
    public static final int MAX_ROWS = 100_000;

    private final UsageHours store;
    private final TenantService tenants;
    private final CurrentCaller caller;

    UsageService(UsageHours store, TenantService tenants, CurrentCaller caller) {
        this.store = store;
        this.tenants = tenants;
        this.caller = caller;
    }

    @Transactional(readOnly = true)
    public UsageReport usage(UsageQuery query) {
        Caller c = caller.get();
        validate(query);
        Instant from = query.from().truncatedTo(ChronoUnit.HOURS);
        UUID scope = c.isOperator() ? query.tenantId() : c.tenantId();
        boolean foreign = !c.isOperator()
                && (c.tenantId() == null
                        || (query.tenantId() != null && !query.tenantId().equals(c.tenantId())));
        if (foreign) {
            return new UsageReport(from, query.to(), query.granularity(), List.of(), List.of());
        }
        List<UsageRow> rows = store.rows(from, query.to(), query.granularity(), scope, MAX_ROWS + 1);
        if (rows.size() > MAX_ROWS) {
            throw ZoneDeckException.invalid(
                    "to", "More than " + MAX_ROWS + " rows: choose a shorter range or granularity day");
        }
        Map<UUID, String> names = tenants.names();
        List<UsageRow> labelled = rows.stream()
                .map(r -> r.withTenantName(
                        names.getOrDefault(r.tenantId(), r.tenantId().toString())))
                .toList();
        return new UsageReport(from, query.to(), query.granularity(), labelled, totals(labelled));
    }

    /**
     * Stores hours of usage made elsewhere (the demo's history) when nothing has been metered yet; returns how many
     * hours were stored (0 when there was usage already).
     */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("usage.import")
    public int importIfEmpty(List<UsageHour> hours) {
        if (!store.isEmpty()) {
            return 0;
        }
        store.add(hours);
        return hours.size();
    }

    static List<UsageTotal> totals(List<UsageRow> rows) {
        Map<UUID, double[]> sums = new LinkedHashMap<>();
        Map<UUID, long[]> counts = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (UsageRow r : rows) {
            double[] s = sums.computeIfAbsent(r.tenantId(), k -> new double[3]);
            long[] n = counts.computeIfAbsent(r.tenantId(), k -> new long[2]);
            names.putIfAbsent(r.tenantId(), r.tenantName());
            s[0] += r.cpuSeconds();
            s[1] += r.ramGibHours();
            s[2] += r.diskGibHours();
            n[0] += r.netBytes();
            n[1] += r.samples();
        }
        return sums.entrySet().stream()
                .map(e -> {
                    double[] s = e.getValue();
                    long[] n = counts.get(e.getKey());
                    return new UsageTotal(e.getKey(), names.get(e.getKey()), s[0], s[1], s[2], n[0], n[1]);
                })
                .sorted(Comparator.comparing(t -> t.tenantName() == null ? "" : t.tenantName()))
                .toList();
    }

    private static void validate(UsageQuery q) {
        FieldProblems problems = new FieldProblems();
        if (q.from() == null) {
            problems.add("from", FieldProblems.MISSING, "Give the start of the range");
        }
        if (q.to() == null) {
            problems.add("to", FieldProblems.MISSING, "Give the end of the range");
        }
        if (q.granularity() == null) {
            problems.add("granularity", FieldProblems.MISSING, "Choose hour or day");
        }
        if (q.from() != null && q.to() != null) {
            if (q.from().isAfter(q.to())) {
                problems.add("from", FieldProblems.INVALID, "The start must not be after the end");
            } else if (Duration.between(q.from(), q.to()).compareTo(MAX_RANGE) > 0) {
                problems.add("to", FieldProblems.INVALID, "The range may span at most 366 days");
            }
        }
        problems.throwIfAny();
    }
}
