package io.zonedeck.audit;

import com.vaadin.flow.server.auth.NavigationContext;
import io.zonedeck.audit.AuditDirectory.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Sign-ins and refusals from Spring Security's events: an interactive (UI form) sign-in, every failed
 * authentication (UI form and REST Basic; the attempted name is escaped, and the record belongs to that user's
 * tenant when the user exists), and access denied to a signed-in user (REST 403s of method security, views
 * denied by Vaadin's navigation access control). A
 * successful REST Basic authentication is not recorded: it happens on every request. A denial inside an audited
 * call is left to that call's record (result Forbidden), so it is recorded once.
 */
@Component
class SecurityEventsRecorder {
    static final String LOGIN = "login";
    static final String ACCESS_DENIED = "access.denied";

    private final AuditLog audit;

    SecurityEventsRecorder(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        Actor actor = audit.directory().user(name).orElse(null);
        audit.write(new AuditLog.Entry(
                actor, name, actor == null ? null : actor.tenantId(), LOGIN, name, AuditEvent.OK, "signed in"));
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        String attempted = event.getAuthentication() == null
                ? ""
                : event.getAuthentication().getName();
        Actor actor = attempted == null || attempted.isBlank()
                ? null
                : audit.directory().user(attempted).orElse(null);
        audit.write(new AuditLog.Entry(
                actor,
                attempted == null || attempted.isBlank() ? "(none)" : attempted,
                actor == null ? null : actor.tenantId(),
                LOGIN,
                attempted,
                failureCode(event.getException()),
                "sign-in failed"));
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        if (AuditScope.active()) {
            return;
        }
        Authentication auth = event.getAuthentication().get();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return; // anonymous: the sign-in page or a 401, not a denial of a known user
        }
        String target;
        RequestIdFilter.RequestInfo request = RequestIdFilter.current().orElse(null);
        Object object = event.getSource();
        String message = "access denied";
        if (object instanceof NavigationContext view) {
            target = view.getLocation().getPath();
            message = "view access denied";
        } else if (object instanceof HttpServletRequest r) {
            target = r.getMethod() + " " + r.getRequestURI();
        } else if (request != null && "api".equals(request.source())) {
            target = request.line();
        } else if (object instanceof MethodInvocation m) {
            target = m.getMethod().getDeclaringClass().getSimpleName() + "."
                    + m.getMethod().getName();
        } else {
            target = request == null ? "" : request.line();
        }
        audit.record(ACCESS_DENIED, target, "Forbidden", message);
    }

    /** BadCredentials, Disabled, Locked, ... from the exception's class name. */
    static String failureCode(Exception e) {
        if (e == null) {
            return "Failed";
        }
        String n = e.getClass().getSimpleName().replace("Exception", "");
        return n.isBlank() ? "Failed" : n;
    }
}
