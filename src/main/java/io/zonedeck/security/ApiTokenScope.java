package io.zonedeck.security;

/** What a personal access token may do: read (GET) only, or everything its owner may do. */
public enum ApiTokenScope {
    READ_ONLY,
    READ_WRITE;

    /** The authority a request authenticated by such a token carries. */
    public String authority() {
        return "TOKEN_" + name();
    }
}
