package io.zonedeck.agent.server;

import com.sun.net.httpserver.Headers;
import io.zonedeck.agent.api.AgentJson;

/**
 * Checks {@code Authorization: Bearer <token>} (401 when missing or wrong) and then the node
 * header (403 when missing or naming another node). Tokens are compared in constant time.
 */
final class TokenAuthenticator {
    private static final String BEARER = "bearer ";

    private final TokenHash tokenHash;
    private final String nodeId;

    TokenAuthenticator(TokenHash tokenHash, String nodeId) {
        this.tokenHash = java.util.Objects.requireNonNull(tokenHash, "tokenHash");
        this.nodeId = nodeId;
    }

    void check(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.of(401, "Unauthorized", "bearer token required");
        }
        String presented = authorization.substring(BEARER.length()).trim();
        if (!tokenHash.matches(presented)) {
            throw ApiException.of(401, "Unauthorized", "invalid token");
        }
        String node = headers.getFirst(AgentJson.NODE_HEADER);
        if (node == null || !node.equals(nodeId)) {
            throw ApiException.of(
                    403, "Forbidden", "this credential is not valid for the node named in " + AgentJson.NODE_HEADER);
        }
    }
}
