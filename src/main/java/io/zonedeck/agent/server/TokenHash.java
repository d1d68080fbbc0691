package io.zonedeck.agent.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the bearer token an agent accepts: all the agent keeps of it. Node tokens are random (32 bytes
 * from {@code openssl rand -hex 32}), so a fast hash is enough; a slow password hash would cost every call.
 *
 * @param hex 64 lower-case hex digits
 */
public record TokenHash(String hex) {
    public TokenHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token hash is the token's SHA-256 in 64 hex digits");
        }
    }

    /** Parses what {@code sha256sum} prints (either case; anything after the first blank ignored). */
    public static TokenHash parse(String text) {
        String s = text == null ? "" : text.trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        return new TokenHash(s);
    }

    public static TokenHash of(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("agent token must not be empty");
        }
        return new TokenHash(HexFormat.of().formatHex(sha256(token)));
    }

    /** Constant-time comparison of the presented token's hash with this one. */
    boolean matches(String presented) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TokenHash[sha256=" + hex.substring(0, 8) + "…]";
    }
}
