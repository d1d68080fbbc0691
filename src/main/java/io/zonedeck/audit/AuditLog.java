package io.zonedeck.audit;

import io.zonedeck.audit.AuditDirectory.Actor;
import io.zonedeck.audit.internal.AuditEventEntity;
import io.zonedeck.audit.internal.AuditEventRepository;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit records: each in a transaction of its own (so a refused or rolled-back change is recorded too),
 * and as one line to the logger {@code zonedeck.audit}. Every text value is escaped first, so no user input can
 * start a line of its own. The request id, source and remote address come from the request being served; work
 * without a request is {@code system}.
 */
@Component
class AuditLog {
    /** The structured audit lines, one per record. */
    static final String LOGGER = "zonedeck.audit";

    static final String SYSTEM = "system";
    private static final Logger lines = LoggerFactory.getLogger(LOGGER);
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditEventRepository events;
    private final AuditDirectory directory;
    private final TransactionTemplate tx;
    private final Clock clock;

    AuditLog(AuditEventRepository events, AuditDirectory directory, PlatformTransactionManager txManager, Clock clock) {
        this.events = events;
        this.directory = directory;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** What happened, by whom, to whose object. {@code actor} null is the system (or an unknown user name). */
    record Entry(
            Actor actor, String username, UUID tenantId, String action, String target, String result, String message) {
        static Entry by(Actor actor, UUID tenantId, String action, String target, String result, String message) {
            return new Entry(
                    actor, actor == null ? SYSTEM : actor.username(), tenantId, action, target, result, message);
        }
    }

    /** Records something the current caller did or was refused, in the caller's tenant. */
    void record(String action, String target, String result, String message) {
        Actor actor = directory.current().orElse(null);
        write(Entry.by(actor, actor == null ? null : actor.tenantId(), action, target, result, message));
    }

    AuditDirectory directory() {
        return directory;
    }

    /** Stores and logs one record; a failure to store is logged and never breaks the caller's work. */
    void write(Entry e) {
        AuditEventEntity row = new AuditEventEntity();
        row.at = clock.instant();
        row.username = LogSafe.text(e.username() == null ? SYSTEM : e.username(), 100);
        row.userId = e.actor() == null ? null : e.actor().userId();
        row.tenantId = e.tenantId();
        row.action = LogSafe.text(e.action(), 64);
        row.target = LogSafe.text(e.target(), 200);
        row.result = LogSafe.text(e.result(), 32);
        row.message = LogSafe.text(e.message(), 500);
        RequestIdFilter.RequestInfo request = RequestIdFilter.current().orElse(null);
        row.requestId = request == null ? null : LogSafe.text(request.id(), 64);
        row.source = request == null ? SYSTEM : request.source();
        row.remoteAddress = request == null ? null : LogSafe.text(request.remoteAddress(), 64);
        lines.info(
                "at={} user={} tenant={} action={} target={} result={} source={} request={} remote={} message={}",
                row.at,
                LogSafe.quoted(row.username),
                row.tenantId == null ? "-" : row.tenantId,
                LogSafe.quoted(row.action),
                LogSafe.quoted(row.target),
                LogSafe.quoted(row.result),
                row.source,
                row.requestId == null ? "-" : row.requestId,
                row.remoteAddress == null ? "-" : row.remoteAddress,
                LogSafe.quoted(row.message));
        try {
            tx.executeWithoutResult(s -> events.save(row));
        } catch (RuntimeException ex) {
            log.error("audit record not stored: {} {}", row.action, row.target, ex);
        }
    }
}
