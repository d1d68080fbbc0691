package io.zonedeck.nodes;

import io.zonedeck.agent.api.ApiError;
import io.zonedeck.base.ZoneDeckException;

/**
 * A failed call to a node agent (a refusal the caller sees as 409 with the agent's code, or 503 when the node
 * is unreachable). {@code transientFailure} is true for connection problems and 5xx: those are
 * retried with backoff; a 4xx is the agent's considered answer and is not.
 */
public class AgentCallException extends ZoneDeckException {
    private final int agentStatus;
    private final ApiError error;

    public AgentCallException(int status, ApiError error, String message, Throwable cause) {
        super(
                error != null && error.code() != null && status > 0 && status < 500 ? error.code() : "NodeUnavailable",
                status > 0 && status < 500 ? 409 : 503,
                message,
                java.util.List.of(),
                cause);
        this.agentStatus = status;
        this.error = error;
    }

    /** The agent's HTTP status (0 when it could not be reached). */
    public int agentStatus() {
        return agentStatus;
    }

    public ApiError error() {
        return error;
    }

    public boolean transientFailure() {
        return agentStatus == 0
                || agentStatus >= 500
                || agentStatus == 409 && error != null && "Busy".equals(error.code());
    }

    public boolean notFound() {
        return agentStatus == 404;
    }
}
