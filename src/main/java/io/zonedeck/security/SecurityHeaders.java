package io.zonedeck.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The headers of every answer. The Content-Security-Policy is as strict as Vaadin Flow allows: its client evaluates
 * the JavaScript the server sends ({@code new Function}, so {@code 'unsafe-eval'}), its bootstrap page has inline
 * scripts and components set inline styles; everything else comes from the portal's own origin (push and the
 * charts included), no plugins, no framing ({@code frame-ancestors 'none'}), forms post only here. HSTS is sent on
 * HTTPS requests, which behind a proxy are those it forwarded with {@code X-Forwarded-Proto: https}.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private SecurityHeaders() {}

    static void apply(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter((request, response) -> {
                    if (!response.containsHeader("Permissions-Policy")) {
                        response.setHeader("Permissions-Policy", PERMISSIONS);
                    }
                })
                .frameOptions(f -> f.deny())
                .httpStrictTransportSecurity(h -> h.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }
}
