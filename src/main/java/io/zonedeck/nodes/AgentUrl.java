package io.zonedeck.nodes;

import io.zonedeck.base.ZoneDeckException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An agent's base URL as an operator gives it: {@code https://host:port} (or {@code http://} where plain HTTP is
 * allowed), nothing else: no user info, path, query or fragment.
 */
record AgentUrl(String text, boolean tls, String host, int port) {
    static final int MAX_LENGTH = 255;
    private static final String FORMAT = "agent URL like https://10.0.0.7:9101";

    static AgentUrl parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw ZoneDeckException.invalid("url", FORMAT);
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw ZoneDeckException.invalid("url", FORMAT);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean pathless = uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/");
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !pathless
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw ZoneDeckException.invalid("url", FORMAT);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new AgentUrl(text.trim(), tls, host, port);
    }

    /** The same endpoint at a literal address (the one checked), so that no second name lookup is made. */
    String at(java.net.InetAddress address) {
        String literal = address.getHostAddress();
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        String h = address instanceof java.net.Inet6Address ? "[" + literal + "]" : literal;
        return (tls ? "https" : "http") + "://" + h + ":" + port;
    }
}
