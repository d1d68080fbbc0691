package io.zonedeck.agent.server;

import io.zonedeck.agent.api.ApiError;

/** A request the agent refuses: HTTP status plus the protocol's error body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final transient ApiError error;

    public ApiException(int status, ApiError error) {
        super(error.code() + ": " + error.message());
        this.status = status;
        this.error = error;
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
}
