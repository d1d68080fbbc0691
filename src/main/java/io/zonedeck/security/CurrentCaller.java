package io.zonedeck.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Reads the caller from the security context; services call {@link #get()} and scope by it. */
@Component
public class CurrentCaller {
    public Caller get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ZoneDeckUser user) {
            return user.caller();
        }
        throw new AuthenticationCredentialsNotFoundException("not signed in");
    }

    /** True when the caller signed in with a read-only API token: it may read, never change anything. */
    public boolean readOnly() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication t
                && t.scope() == ApiTokenScope.READ_ONLY;
    }
}
