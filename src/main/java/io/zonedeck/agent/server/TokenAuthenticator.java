package io.zonedeck.agent.server;

import com.sun.net.httpserver.Headers;
import io.zonedeck.agent.api.AgentJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} (401 when missing or wrong) and then the node
 * header (403 when missing or naming another node). Tokens are compared in constant time.
 */
final class TokenAuthenticator {
    private static final String BEARER = "bearer ";

    private final byte[] tokenDigest;
    private final String nodeId;

    TokenAuthenticator(String token, String nodeId) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("agent token must not be empty");
        }
        this.tokenDigest = sha256(token);
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
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            throw ApiException.of(401, "Unauthorized", "invalid token");
        }
        String node = headers.getFirst(AgentJson.NODE_HEADER);
        if (node == null || !node.equals(nodeId)) {
            throw ApiException.of(
                    403, "Forbidden", "this credential is not valid for the node named in " + AgentJson.NODE_HEADER);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
