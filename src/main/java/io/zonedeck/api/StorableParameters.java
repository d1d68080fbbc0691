package io.zonedeck.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.base.Printable;
import io.zonedeck.base.StorableText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Query parameters of the REST API that cannot be stored or queried (NUL, invalid UTF-16): 400 naming them. */
@Component
class StorableParameters extends OncePerRequestFilter {
    private final ObjectMapper json;

    StorableParameters(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            String problem = StorableText.problem(p.getKey()).orElse(null);
            for (String v : p.getValue()) {
                problem = problem != null ? problem : StorableText.problem(v).orElse(null);
            }
            if (problem != null) {
                String field = Printable.of(p.getKey());
                response.setStatus(400);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                json.writeValue(
                        response.getOutputStream(),
                        new ApiError(
                                "Invalid",
                                "Invalid parameter " + field + ": " + problem,
                                List.of(new ApiError.FieldError(field, "Invalid", problem))));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
