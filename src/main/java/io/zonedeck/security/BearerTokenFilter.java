package io.zonedeck.security;

import io.zonedeck.security.signin.SignInThrottle;
import io.zonedeck.security.signin.SignInThrottled;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer zdt_…} on the REST API. A live token authenticates the request as its owner (no
 * password hash: a token is one indexed lookup); anything else after {@code Bearer} is a 401, and counts as a failed
 * sign-in of the source address, so guessing tokens is throttled like guessing passwords.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final SignInThrottle throttle;
    private final SecurityContextHolderStrategy contexts;
    private final ApiEntryPoints entryPoints;

    BearerTokenFilter(
            ApiTokenService tokens,
            SignInThrottle throttle,
            SecurityContextHolderStrategy contexts,
            ApiEntryPoints entryPoints) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.contexts = contexts;
        this.entryPoints = entryPoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokenService.Bearer> bearer =
                tokens.authenticate(header.substring(BEARER.length()).strip());
        if (bearer.isEmpty()) {
            try {
                throttle.failedToken(request.getRemoteAddr());
            } catch (SignInThrottled refused) {
                entryPoints.throttled(response, refused);
                return;
            }
            entryPoints.invalidToken(response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
                new ApiTokenAuthentication(bearer.get().user(), bearer.get().scope()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
