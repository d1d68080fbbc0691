package io.zonedeck.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.Fingerprint;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.base.ZoneDeckException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where and how the portal connects to node agents: the URL and address policy (checked before any connection),
 * HTTPS pinned to the agent's certificate fingerprint, plain HTTP only where {@code zonedeck.nodes.allow-plain-http}
 * says so, and the registration probe that asks an agent who it is without telling the caller more than
 * "unreachable" or "not a ZoneDeck agent".
 */
@Component
public class AgentConnector {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_PROBE_BODY = 256 * 1024;
    private static final ObjectMapper JSON = AgentJson.newMapper();

    private final HttpClient plain = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Set<Integer> ownPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean allowPlainHttp;
    private volatile boolean allowLoopback;
    private final boolean allowLinkLocal;

    AgentConnector(NodesProperties props, @Value("${server.port:8080}") int serverPort) {
        this.allowPlainHttp = props.allowPlainHttp();
        this.allowLoopback = props.allowLoopback();
        this.allowLinkLocal = props.allowLinkLocal();
        if (serverPort > 0) {
            ownPorts.add(serverPort);
        }
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        ownPorts.add(event.getWebServer().getPort());
    }

    AgentAddressPolicy policy() {
        return new AgentAddressPolicy(allowLoopback, allowLinkLocal, new HashSet<>(ownPorts));
    }

    /** Tests: the loopback setting for a while (restore it afterwards). */
    void allowLoopback(boolean allow) {
        this.allowLoopback = allow;
    }

    /** Tests: the plain HTTP setting for a while (restore it afterwards). */
    void allowPlainHttp(boolean allow) {
        this.allowPlainHttp = allow;
    }

    boolean plainHttpAllowed() {
        return allowPlainHttp;
    }

    boolean loopbackAllowed() {
        return allowLoopback;
    }

    /** An endpoint that passed the checks: the URL and the address the portal connects to. */
    record Endpoint(AgentUrl url, InetAddress address) {
        String probeUrl() {
            return url.at(address);
        }
    }

    /**
     * Parses {@code url} and checks the scheme and every address its host resolves to, before any connection:
     * 422 for a malformed URL, 400 for plain HTTP where it is not allowed, for an address the policy refuses and for
     * a host that does not resolve.
     */
    Endpoint check(String url) {
        AgentUrl u = AgentUrl.parse(url);
        if (!u.tls() && !allowPlainHttp) {
            throw refused("PlainHttpRefused", "plain HTTP is not allowed: the agent's URL must start with https://");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(u.host());
        } catch (UnknownHostException | SecurityException e) {
            throw unreachable();
        }
        AgentAddressPolicy p = policy();
        for (InetAddress a : addresses) {
            p.refusal(a, u.port()).ifPresent(why -> {
                throw refused("AddressRefused", "agents may not be reached at " + why);
            });
        }
        return new Endpoint(u, addresses[0]);
    }

    /** A client for calls to a registered node: pinned to its fingerprint over HTTPS, the shared one over HTTP. */
    HttpClient clientFor(AgentUrl url, Fingerprint pin) {
        if (!url.tls()) {
            if (!allowPlainHttp) {
                throw new AgentCallException(0, null, "plain HTTP to agents is not allowed here", null);
            }
            return plain;
        }
        if (pin == null) {
            throw new AgentCallException(0, null, "no certificate pinned for this https agent", null);
        }
        return pinned(new PinnedTrustManager(pin));
    }

    /**
     * A connection to an agent's console port: the host of its registered URL (its addresses checked by the policy
     * again, with this port), TLS pinned to its certificate when its URL is https.
     */
    java.net.Socket dialConsole(AgentUrl url, Fingerprint pin, int port) throws IOException {
        InetAddress address = InetAddress.getByName(url.host());
        java.util.Optional<String> refusal = policy().refusal(address, port);
        if (refusal.isPresent()) {
            throw new IOException("console port refused: " + refusal.get());
        }
        java.net.Socket plainSocket = new java.net.Socket();
        try {
            plainSocket.connect(new java.net.InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
            if (!url.tls()) {
                if (!allowPlainHttp) {
                    throw new IOException("plain connections to agents are not allowed here");
                }
                return plainSocket;
            }
            if (pin == null) {
                throw new IOException("no certificate pinned for this https agent");
            }
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) pinnedContext(new PinnedTrustManager(pin))
                    .getSocketFactory()
                    .createSocket(plainSocket, url.host(), port, true);
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ssl.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return ssl;
        } catch (IOException | RuntimeException e) {
            plainSocket.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static HttpClient pinned(PinnedTrustManager trust) {
        SSLContext tls = pinnedContext(trust);
        javax.net.ssl.SSLParameters params = tls.getDefaultSSLParameters();
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return HttpClient.newBuilder()
                .sslContext(tls)
                .sslParameters(params)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** TLS that trusts exactly the pinned certificate: for API calls and console connections alike. */
    private static SSLContext pinnedContext(PinnedTrustManager trust) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** What an agent answered to "who are you" at registration. */
    sealed interface Probe {
        record Identified(NodeInfo info, Fingerprint fingerprint) implements Probe {}

        record WrongCertificate(Fingerprint expected, Fingerprint presented) implements Probe {}

        record Unreachable() implements Probe {}

        record NotAnAgent() implements Probe {}
    }

    /**
     * Asks the agent at {@code endpoint} for {@code GET /v1/node} with the node's name and credential. Over HTTPS
     * with {@code expected} the credential is only sent to a server presenting that certificate; without, the
     * certificate presented is accepted and reported (trust on first use). Only a 200 with a node description
     * naming {@code name} identifies an agent; nothing the remote sent is passed on.
     */
    Probe identify(Endpoint endpoint, String name, String credential, Fingerprint expected) {
        PinnedTrustManager trust = new PinnedTrustManager(expected);
        HttpClient client = endpoint.url().tls() ? pinned(trust) : plain;
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint.probeUrl() + "/v1/node"))
                .timeout(PROBE_TIMEOUT)
                .header("Authorization", "Bearer " + credential)
                .header(AgentJson.NODE_HEADER, name)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<InputStream> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return PinnedTrustManager.mismatchIn(e)
                    .<Probe>map(m -> new Probe.WrongCertificate(m.expected, m.presented))
                    .orElse(new Probe.Unreachable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe.Unreachable();
        }
        try (InputStream body = res.body()) {
            if (res.statusCode() != 200) {
                return new Probe.NotAnAgent();
            }
            byte[] bytes = body.readNBytes(MAX_PROBE_BODY + 1);
            if (bytes.length > MAX_PROBE_BODY) {
                return new Probe.NotAnAgent();
            }
            NodeInfo info = JSON.readValue(bytes, NodeInfo.class);
            if (!isAgentAnswer(info, name)) {
                return new Probe.NotAnAgent();
            }
            return new Probe.Identified(info, endpoint.url().tls() ? trust.seen() : null);
        } catch (IOException | RuntimeException e) {
            return new Probe.NotAnAgent();
        }
    }

    /**
     * The fingerprint of the certificate the agent at {@code url} presents (a TLS handshake and one request without
     * any credential), for the operator to compare with what the agent printed at start.
     */
    Fingerprint peek(String url) {
        Endpoint endpoint = check(url);
        if (!endpoint.url().tls()) {
            throw ZoneDeckException.invalid("url", "plain HTTP: an agent over http:// has no certificate");
        }
        PinnedTrustManager trust = new PinnedTrustManager(null);
        try {
            pinned(trust)
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint.probeUrl() + "/v1/node"))
                                    .timeout(PROBE_TIMEOUT)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the handshake may have completed before the connection failed; without a certificate: unreachable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (trust.seen() == null) {
            throw unreachable();
        }
        return trust.seen();
    }

    private static boolean isAgentAnswer(NodeInfo info, String name) {
        return info != null
                && name.equals(info.nodeId())
                && info.driver() != null
                && !info.driver().isBlank()
                && info.protocolVersion() != null
                && info.cpus() > 0
                && info.ramMiB() > 0;
    }

    static ZoneDeckException unreachable() {
        return refused("Unreachable", "unreachable");
    }

    static ZoneDeckException notAnAgent() {
        return refused("NotAnAgent", "not a ZoneDeck agent (or not for this node name and credential)");
    }

    static ZoneDeckException refused(String code, String message) {
        return new ZoneDeckException(
                code, 400, message, List.of(new ZoneDeckException.FieldProblem("url", code, message)));
    }
}
