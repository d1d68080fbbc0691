package io.zonedeck.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checked after a right password. On the login form a user with two-factor sign-in on must send a code (the form's
 * {@code code} field) or a recovery code; elsewhere (HTTP Basic on REST and metrics) such a user, or one who must set
 * it up first, is refused: scripts use API tokens.
 */
@Component
class SecondFactor {
    static final String CODE_PARAMETER = "code";

    private final TwoFactorService twoFactor;

    SecondFactor(TwoFactorService twoFactor) {
        this.twoFactor = twoFactor;
    }

    void check(ZoneDeckUser user) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest()
                : null;
        boolean loginForm =
                request != null && "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        TwoFactorService.SignInFactor factor =
                twoFactor.signInFactor(user.caller().userId());
        boolean enabled = factor == TwoFactorService.SignInFactor.ON;
        if (!loginForm) {
            if (factor != TwoFactorService.SignInFactor.OFF) {
                throw new TwoFactorRequired(
                        "two-factor sign-in is on for this account: use an API token for REST", false);
            }
            return;
        }
        if (!enabled) {
            return;
        }
        String code = request.getParameter(CODE_PARAMETER);
        if (code == null || code.isBlank()) {
            throw new TwoFactorRequired("enter the code from your authenticator app", true);
        }
        if (!twoFactor.verifySignIn(user.caller().userId(), code)) {
            throw new BadCredentialsException("wrong two-factor code");
        }
    }
}
