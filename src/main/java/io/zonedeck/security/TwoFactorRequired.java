package io.zonedeck.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right but a second factor is missing: the login form must send a code ({@link #codeMissing}), or
 * the request came over HTTP Basic, which users with two-factor sign-in cannot use (they use API tokens).
 */
public class TwoFactorRequired extends AuthenticationException {
    private final boolean codeMissing;

    TwoFactorRequired(String message, boolean codeMissing) {
        super(message);
        this.codeMissing = codeMissing;
    }

    public boolean codeMissing() {
        return codeMissing;
    }
}
