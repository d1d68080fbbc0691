package io.zonedeck.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request an id, before security runs (so failed logins carry it too): a client's
 * {@code X-Request-Id} when it is 1–64 characters of {@code [A-Za-z0-9._-]}, else a new one. The id is echoed in
 * the response header, put into the logging MDC as {@code requestId}, and written on the request's audit records
 * with the source ({@code api} for {@code /api/**}, else {@code ui}) and the remote address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ThreadLocal<RequestInfo> CURRENT = new ThreadLocal<>();

    /** The request being served on this thread, as the audit log records it. */
    record RequestInfo(String id, String source, String remoteAddress, String method, String path) {
        String line() {
            return method + " " + path;
        }
    }

    static Optional<RequestInfo> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The client's id if it is acceptable, else a new one. */
    static String idFor(String fromClient) {
        return fromClient != null && CLIENT_ID.matcher(fromClient).matches()
                ? fromClient
                : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idFor(request.getHeader(HEADER));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String source = path.startsWith("/api/") || path.equals("/api") ? "api" : "ui";
        response.setHeader(HEADER, id);
        CURRENT.set(new RequestInfo(id, source, request.getRemoteAddr(), request.getMethod(), path));
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            CURRENT.remove();
        }
    }
}
