package io.zonedeck.security;

import io.zonedeck.security.signin.SignInThrottled;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;

/**
 * The JSON answers of the REST and metrics chains when authentication fails or access is denied, written here:
 * sendError would dispatch to /error, which the UI chain redirects. A throttled sign-in is 429 with Retry-After.
 */
final class ApiEntryPoints {
    private final boolean basic;

    ApiEntryPoints(boolean basic) {
        this.basic = basic;
    }

    void unauthorized(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex) throws IOException {
        if (ex instanceof SignInThrottled throttled) {
            throttled(res, throttled);
            return;
        }
        res.setHeader("WWW-Authenticate", basic ? "Basic realm=\"zonedeck\", Bearer" : "Bearer");
        write(
                res,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                ex instanceof TwoFactorRequired
                        ? "two-factor sign-in is on for this account: use an API token"
                        : "authentication required");
    }

    void invalidToken(HttpServletResponse res) throws IOException {
        res.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        write(res, HttpStatus.UNAUTHORIZED, "Unauthorized", "the token is unknown, expired or revoked");
    }

    void throttled(HttpServletResponse res, SignInThrottled ex) throws IOException {
        res.setHeader("Retry-After", Long.toString(ex.retryAfterSeconds()));
        write(
                res,
                HttpStatus.TOO_MANY_REQUESTS,
                "TooManyRequests",
                "too many failed sign-ins: try again in " + ex.retryAfterSeconds() + " s");
    }

    static void forbidden(HttpServletRequest req, HttpServletResponse res, Exception ex) throws IOException {
        write(res, HttpStatus.FORBIDDEN, "Forbidden", "not allowed");
    }

    private static void write(HttpServletResponse res, HttpStatus status, String code, String message)
            throws IOException {
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.getWriter().write("{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"errors\":[]}");
    }
}
