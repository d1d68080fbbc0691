package io.zonedeck.audit.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.RouteAccessDeniedError;
import io.zonedeck.audit.AuditLog;
import jakarta.annotation.security.PermitAll;

/**
 * Vaadin's handler of a view denied to a signed-in user, plus an audit record: the user still sees the same
 * "not found" view as for a missing route (Vaadin's default, which says nothing about whether the view
 * exists). Users who are not signed in are sent to the sign-in page instead and never get here.
 */
@PermitAll
public class AccessDeniedRecorder extends RouteAccessDeniedError {
    private final transient AuditLog audit;

    public AccessDeniedRecorder(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        audit.record("access.denied", event.getLocation().getPath(), "Forbidden", "view access denied");
        return super.setErrorParameter(event, parameter);
    }
}
