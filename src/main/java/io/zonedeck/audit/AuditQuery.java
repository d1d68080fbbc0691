package io.zonedeck.audit;

import java.time.Instant;

/**
 * Filters of the audit log; null or blank means "any".
 *
 * @param from records at or after this instant
 * @param to records before this instant
 * @param user a user name (exact, any case)
 * @param action an action or its start ({@code machine.} matches every machine action)
 * @param result {@code ok} or a refusal's code (exact)
 * @param text a part of the target, the message, the user name or the request id
 */
public record AuditQuery(Instant from, Instant to, String user, String action, String result, String text) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public AuditQuery withText(String v) {
        return new AuditQuery(from, to, user, action, result, v);
    }

    public AuditQuery withAction(String v) {
        return new AuditQuery(from, to, user, v, result, text);
    }

    public AuditQuery withResult(String v) {
        return new AuditQuery(from, to, user, action, v, text);
    }

    public AuditQuery withUser(String v) {
        return new AuditQuery(from, to, v, action, result, text);
    }

    public AuditQuery between(Instant f, Instant t) {
        return new AuditQuery(f, t, user, action, result, text);
    }
}
