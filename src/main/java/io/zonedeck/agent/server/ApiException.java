package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError;

/** A request the agent refuses: HTTP status plus the protocol's error body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final transient ApiError error;
    private final String allow;

    public ApiException(int status, ApiError error) {
        this(status, error, null);
    }

    private ApiException(int status, ApiError error, String allow) {
        super(error.code() + ": " + error.message());
        this.status = status;
        this.error = error;
        this.allow = allow;
    }

    /** 405 with the methods the resource does support. */
    public static ApiException methodNotAllowed(String allow) {
        return new ApiException(405, ApiError.of("MethodNotAllowed", "use " + allow), allow);
    }

    public static ApiException of(int status, String code, String message) {
        return new ApiException(status, ApiError.of(code, message));
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    /** Value of the Allow header for a 405, else null. */
    public String allow() {
        return allow;
    }
}
