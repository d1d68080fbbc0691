package io.zonedeck.nodes;

import io.zonedeck.agent.api.ApiError;

/**
 * A failed call to a node agent. {@code transientFailure} is true for connection problems and 5xx: those are
 * retried with backoff; a 4xx is the agent's considered answer and is not.
 */
public class AgentCallException extends RuntimeException {
    private final int status;
    private final ApiError error;

    public AgentCallException(int status, ApiError error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public boolean transientFailure() {
        return status == 0 || status >= 500 || status == 409 && error != null && "Busy".equals(error.code());
    }

    public boolean notFound() {
        return status == 404;
    }
}
