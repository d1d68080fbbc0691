package io.zonedeck.nodes;

/**
 * An operator's request to register a node agent.
 *
 * @param fingerprint the SHA-256 of the certificate the agent printed at start (optional: without it, the portal
 *     pins what the agent presents, trust on first use, and shows it)
 * @param replace move an already registered node of this name to this URL and credential; only granted when the
 *     agent there proves it is that node (it presents the pinned certificate)
 */
public record NodeRegistration(String name, String url, String credential, String fingerprint, boolean replace) {
    public static NodeRegistration of(String name, String url, String credential) {
        return new NodeRegistration(name, url, credential, null, false);
    }
}
