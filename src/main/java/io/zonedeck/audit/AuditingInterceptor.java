package io.zonedeck.audit;

import io.zonedeck.audit.AuditDirectory.Actor;
import io.zonedeck.base.ZoneDeckException;
import java.lang.reflect.Method;
import java.util.UUID;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Records the outermost {@link Audited} call of a thread once, with its result: {@code ok}, or the refusal's
 * code. Runs outside the method's own security check and transaction, so a denied, refused or rolled-back call
 * is recorded as such. The record belongs to the tenant a service named ({@link AuditScope#subjectTenant}),
 * else to the tenant of what the call returned (a job's, a machine's {@code tenantId()}), else to the caller's.
 */
final class AuditingInterceptor implements MethodInterceptor {
    private final ObjectProvider<AuditLog> auditLog;

    AuditingInterceptor(ObjectProvider<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        AuditScope.Frame frame = AuditScope.enter();
        if (frame == null) {
            return invocation.proceed();
        }
        try {
            Object returned;
            try {
                returned = invocation.proceed();
            } catch (Throwable t) {
                record(invocation, frame, null, t);
                throw t;
            }
            record(invocation, frame, returned, null);
            return returned;
        } finally {
            AuditScope.exit(frame);
        }
    }

    private void record(MethodInvocation invocation, AuditScope.Frame frame, Object returned, Throwable failure) {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        Method specific = target == null ? method : AopUtils.getMostSpecificMethod(method, target.getClass());
        Audited audited = AnnotatedElementUtils.findMergedAnnotation(specific, Audited.class);
        if (audited == null) {
            audited = AnnotatedElementUtils.findMergedAnnotation(method, Audited.class);
        }
        String action = audited == null ? method.getName() : audited.value();
        AuditLog log = auditLog.getObject();
        Actor actor = log.directory().current().orElse(null);
        UUID tenant = frame.subjectTenant;
        if (tenant == null && failure == null) {
            tenant = AuditTargets.returnedTenant(returned).orElse(null);
        }
        if (tenant == null && actor != null) {
            tenant = actor.tenantId();
        }
        String what = AuditTargets.target(method, invocation.getArguments(), returned);
        String result;
        String message;
        if (failure == null) {
            result = AuditEvent.OK;
            message = AuditTargets.returnedName(returned)
                    .filter(n -> !n.equals(what))
                    .orElse("");
        } else {
            result = code(failure);
            message = message(failure);
        }
        log.write(AuditLog.Entry.by(actor, tenant, action, what, result, message));
    }

    /** The refusal's code: the ZoneDeck code, Forbidden, Unauthorized, or Error for anything unexpected. */
    static String code(Throwable t) {
        ZoneDeckException z = zoneDeck(t);
        if (z != null) {
            return z.code();
        }
        if (t instanceof AccessDeniedException) {
            return "Forbidden";
        }
        if (t instanceof AuthenticationException) {
            return "Unauthorized";
        }
        return "Error";
    }

    /** The refusal's message; an unexpected error shows its kind only (its text may hold internals). */
    static String message(Throwable t) {
        ZoneDeckException z = zoneDeck(t);
        if (z != null) {
            return z.getMessage();
        }
        if (t instanceof AccessDeniedException) {
            return "Access denied";
        }
        if (t instanceof AuthenticationException) {
            return "Not signed in";
        }
        return "Unexpected error (" + t.getClass().getSimpleName() + ")";
    }

    private static ZoneDeckException zoneDeck(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ZoneDeckException z) {
                return z;
            }
        }
        return null;
    }
}
