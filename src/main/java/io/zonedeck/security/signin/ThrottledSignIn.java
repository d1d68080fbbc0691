package io.zonedeck.security.signin;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every credential check (the login form, HTTP Basic on REST and the metrics endpoint) passes here first: an attempt
 * for a throttled account or address is refused before its password is hashed, and the refusal is published as an
 * authentication failure, which the audit log records ({@code SignInThrottled}).
 */
public final class ThrottledSignIn implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;

    public ThrottledSignIn(AuthenticationProvider delegate, SignInThrottle throttle, ApplicationEventPublisher events) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.events = events;
    }

    /** A refusal by the throttle, for the audit log. */
    public static final class Throttled extends AbstractAuthenticationFailureEvent {
        public Throttled(Authentication authentication, SignInThrottled exception) {
            super(authentication, exception);
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        SignInThrottle.Admission admission;
        try {
            admission = throttle.admit(attempt.getName(), remoteAddress(attempt));
        } catch (SignInThrottled refused) {
            events.publishEvent(new Throttled(attempt, refused));
            throw refused;
        }
        try {
            return delegate.authenticate(attempt);
        } catch (AuthenticationException wrong) {
            throttle.failed(admission);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    static String remoteAddress(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
    }
}
