package io.zonedeck.agent.api;

import java.util.List;

/** Error body of the agent protocol and of the portal's REST API. */
public record ApiError(String code, String message, List<FieldError> errors) {
    public record FieldError(String field, String code, String message) {}

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }
}
