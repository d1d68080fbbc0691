package io.zonedeck.security.signin;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for an account or from an address: try again after {@link #retryAfter()}. */
public class SignInThrottled extends AuthenticationException {
    private final Duration retryAfter;

    public SignInThrottled(Duration retryAfter) {
        super("too many failed sign-ins; try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: what a Retry-After header and the UI say. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    static long seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }
}
