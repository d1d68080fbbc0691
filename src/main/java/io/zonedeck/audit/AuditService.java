package io.zonedeck.audit;

import io.zonedeck.audit.AuditDirectory.Actor;
import io.zonedeck.audit.internal.AuditEventEntity;
import io.zonedeck.audit.internal.AuditEventRepository;
import io.zonedeck.base.OffsetPage;
import jakarta.persistence.criteria.Predicate;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit log, scoped here and not in the views: tenant users (admins and users) see their own
 * tenant's records only; operators see every record. Newest first.
 */
@Service
public class AuditService {
    /** The most records one CSV export of the audit page holds. */
    public static final int MAX_EXPORT = 100_000;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "at").and(Sort.by(Sort.Direction.DESC, "id"));
    private final AuditEventRepository events;
    private final AuditDirectory directory;

    AuditService(AuditEventRepository events, AuditDirectory directory) {
        this.events = events;
        this.directory = directory;
    }

    /** One page of the records the caller may see that match the query. */
    @Transactional(readOnly = true)
    public List<AuditEvent> list(AuditQuery query, int offset, int limit) {
        Actor caller = caller();
        Map<UUID, String> tenants = directory.tenantNames();
        return page(spec(caller, query), offset, limit).stream()
                .map(e -> toEvent(e, tenants))
                .toList();
    }

    @Transactional(readOnly = true)
    public int count(AuditQuery query) {
        return (int) events.count(spec(caller(), query));
    }

    /**
     * Writes the matching records the caller may see as CSV (a header line, then one line per record, newest
     * first), from {@code offset}, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public int exportCsv(AuditQuery query, int offset, int limit, OutputStream out) throws IOException {
        Actor caller = caller();
        Map<UUID, String> tenants = directory.tenantNames();
        Specification<AuditEventEntity> spec = spec(caller, query);
        int max = Math.max(0, Math.min(limit, MAX_EXPORT));
        int written = 0;
        try (AuditCsv csv = AuditCsv.open(out)) {
            while (written < max) {
                int chunk = Math.min(1000, max - written);
                List<AuditEventEntity> page = page(spec, (long) Math.max(0, offset) + written, chunk);
                for (AuditEventEntity e : page) {
                    csv.write(toEvent(e, tenants));
                }
                written += page.size();
                if (page.size() < chunk) {
                    break;
                }
            }
        }
        return written;
    }

    private List<AuditEventEntity> page(Specification<AuditEventEntity> spec, long offset, int limit) {
        return events.findBy(
                spec, q -> q.slice(OffsetPage.of(offset, limit, NEWEST_FIRST)).getContent());
    }

    private Actor caller() {
        return directory.current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("not signed in"));
    }

    private static Specification<AuditEventEntity> spec(Actor caller, AuditQuery q) {
        return (root, cq, cb) -> {
            List<Predicate> ps = new ArrayList<>();
            if (!caller.operator()) {
                ps.add(
                        caller.tenantId() == null
                                ? cb.disjunction()
                                : cb.equal(root.get("tenantId"), caller.tenantId()));
            }
            if (q.from() != null) {
                ps.add(cb.greaterThanOrEqualTo(root.get("at"), q.from()));
            }
            if (q.to() != null) {
                ps.add(cb.lessThan(root.get("at"), q.to()));
            }
            if (!blank(q.user())) {
                ps.add(cb.equal(cb.lower(root.get("username")), q.user().strip().toLowerCase()));
            }
            if (!blank(q.action())) {
                ps.add(cb.like(root.get("action"), escapeLike(q.action().strip()) + "%", '\\'));
            }
            if (!blank(q.result())) {
                ps.add(cb.equal(root.get("result"), q.result().strip()));
            }
            if (!blank(q.text())) {
                String like = "%" + escapeLike(q.text().strip().toLowerCase()) + "%";
                ps.add(cb.or(
                        cb.like(cb.lower(root.get("target")), like, '\\'),
                        cb.like(cb.lower(root.get("message")), like, '\\'),
                        cb.like(cb.lower(root.get("username")), like, '\\'),
                        cb.like(cb.lower(root.get("requestId")), like, '\\')));
            }
            return cb.and(ps.toArray(Predicate[]::new));
        };
    }

    private static AuditEvent toEvent(AuditEventEntity e, Map<UUID, String> tenants) {
        return new AuditEvent(
                e.id,
                e.at,
                e.username,
                e.userId,
                e.tenantId,
                e.tenantId == null ? null : tenants.getOrDefault(e.tenantId, e.tenantId.toString()),
                e.action,
                e.target,
                e.result,
                e.message,
                e.requestId,
                e.source,
                e.remoteAddress);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
