package io.zonedeck.nodes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the portal talks to node agents ({@code zonedeck.nodes.*}).
 *
 * @param allowPlainHttp register and call agents over plain HTTP (the demo's in-JVM agents, tests); otherwise
 *     only {@code https://} with a pinned certificate
 * @param allowLoopback agents on 127.0.0.0/8 and ::1 (the demo and the tests run their sim agents there)
 * @param allowLinkLocal agents on 169.254.0.0/16 and fe80::/10 (cloud metadata addresses stay refused)
 * @param credentialKey the key that encrypts node credentials at rest: 32 bytes in base64
 *     ({@code ZONEDECK_NODES_CREDENTIAL_KEY}); every portal instance of one database needs the same key
 * @param credentialKeyFile where the key is kept when {@code credentialKey} is not given; made (mode 0600) when
 *     absent
 */
@ConfigurationProperties("zonedeck.nodes")
public record NodesProperties(
        boolean allowPlainHttp,
        boolean allowLoopback,
        boolean allowLinkLocal,
        String credentialKey,
        String credentialKeyFile) {
    public NodesProperties {
        credentialKeyFile = credentialKeyFile == null || credentialKeyFile.isBlank()
                ? "./data/node-credential.key"
                : credentialKeyFile;
    }
}
