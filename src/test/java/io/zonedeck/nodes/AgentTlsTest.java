package io.zonedeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.Fingerprint;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import io.zonedeck.agent.tls.AgentIdentity;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.base.ZoneDeckException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent over HTTPS and the portal's pinned client, in process without Spring: the pinned certificate is
 * accepted, any other refused before the credential is sent, plain HTTP refused where not allowed, and a probe
 * tells nothing but "unreachable" or "not a ZoneDeck agent".
 */
class AgentTlsTest {
    static final String TOKEN = "tls-test-token-0123456789abcdef";
    private final java.util.List<AutoCloseable> open = new java.util.ArrayList<>();

    static AgentConnector connector(boolean plain, boolean loopback) {
        return new AgentConnector(new NodesProperties(plain, loopback, false, null, null), 0);
    }

    Agent agent(String node, AgentIdentity identity) {
        AgentConfig cfg = AgentConfig.sim(node, TOKEN).withProvisionSeconds(0);
        SimDriver driver = new SimDriver(
                1,
                new NodeResources(node, 4, 8192, 100, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                SimSettings.scaled(0, "10.77.0"),
                new SimLan());
        Agent a = Agent.start(cfg, driver, identity);
        open.add(a);
        return a;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void the_portal_talks_to_an_agent_presenting_the_pinned_certificate() {
        AgentIdentity id = AgentIdentity.ephemeral("tls-1");
        Agent a = agent("tls-1", id);
        assertThat(a.url()).startsWith("https://");
        assertThat(a.fingerprint()).contains(id.fingerprint());
        AgentConnector c = connector(false, true);
        AgentClient client =
                new AgentClient(c.clientFor(AgentUrl.parse(a.url()), id.fingerprint()), a.url(), "tls-1", TOKEN);
        long t0 = System.nanoTime();
        assertThat(client.node().nodeId()).isEqualTo("tls-1");
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        assertThat(client.machines()).isEmpty();
        long second = System.nanoTime() - t0;
        System.out.printf("agent TLS: first call (handshake) %.1f ms, next call %.1f ms%n", first / 1e6, second / 1e6);
        int n = 50;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.node();
        }
        double warm = (System.nanoTime() - t0) / 1e6 / n;
        t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            new AgentClient(c.clientFor(AgentUrl.parse(a.url()), id.fingerprint()), a.url(), "tls-1", TOKEN).node();
        }
        double handshake = (System.nanoTime() - t0) / 1e6 / 10;
        Agent plain = agent("plain-1", null);
        AgentClient plainClient = new AgentClient(
                connector(true, true).clientFor(AgentUrl.parse(plain.url()), null), plain.url(), "plain-1", TOKEN);
        plainClient.node();
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            plainClient.node();
        }
        double plainCall = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(
                "agent TLS: %.2f ms per call on a kept connection (plain HTTP: %.2f ms), %.1f ms per call with a new"
                        + " handshake%n",
                warm, plainCall, handshake);
    }

    @Test
    void a_changed_certificate_is_refused_with_both_fingerprints_and_the_credential_never_sent() {
        Agent a = agent("tls-2", AgentIdentity.ephemeral("tls-2"));
        Fingerprint pinned = AgentIdentity.ephemeral("tls-2").fingerprint();
        AgentClient client = new AgentClient(
                connector(false, true).clientFor(AgentUrl.parse(a.url()), pinned), a.url(), "tls-2", TOKEN);
        assertThatThrownBy(client::node)
                .isInstanceOf(AgentCallException.class)
                .hasMessageContaining("not the pinned " + pinned)
                .hasMessageContaining(a.fingerprint().orElseThrow().toString());
        assertThat(a.core().toString()).isNotNull();
    }

    @Test
    void a_plain_http_client_gets_nothing_from_an_https_agent() {
        Agent a = agent("tls-3", AgentIdentity.ephemeral("tls-3"));
        String plainUrl = a.url().replace("https://", "http://");
        AgentClient client = new AgentClient(
                connector(true, true).clientFor(AgentUrl.parse(plainUrl), null), plainUrl, "tls-3", TOKEN);
        assertThatThrownBy(client::node).isInstanceOf(AgentCallException.class);
    }

    @Test
    void plain_http_is_refused_before_any_connection_where_it_is_not_allowed() {
        AgentConnector strict = connector(false, true);
        assertThatThrownBy(() -> strict.check("http://127.0.0.1:9"))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.messageFor("url").orElseThrow()).contains("plain HTTP is not allowed"));
        assertThatThrownBy(() -> strict.clientFor(AgentUrl.parse("http://127.0.0.1:9"), null))
                .isInstanceOf(AgentCallException.class)
                .hasMessageContaining("plain HTTP");
    }

    @Test
    void registration_pins_the_presented_certificate_or_refuses_one_that_is_not_the_expected() {
        AgentIdentity id = AgentIdentity.ephemeral("tls-4");
        Agent a = agent("tls-4", id);
        AgentConnector c = connector(false, true);
        AgentConnector.Endpoint ep = c.check(a.url());
        long t0 = System.nanoTime();
        AgentConnector.Probe tofu = c.identify(ep, "tls-4", TOKEN, null);
        System.out.printf("agent TLS: registration probe %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(tofu)
                .isEqualTo(new AgentConnector.Probe.Identified(
                        ((AgentConnector.Probe.Identified) tofu).info(), id.fingerprint()));
        assertThat(c.peek(a.url())).isEqualTo(id.fingerprint());

        Fingerprint other = AgentIdentity.ephemeral("x").fingerprint();
        assertThat(c.identify(ep, "tls-4", TOKEN, other))
                .isEqualTo(new AgentConnector.Probe.WrongCertificate(other, id.fingerprint()));
        assertThat(c.identify(ep, "tls-4", "wrong-token", id.fingerprint()))
                .isInstanceOf(AgentConnector.Probe.NotAnAgent.class);
        assertThat(c.identify(ep, "another-node", TOKEN, id.fingerprint()))
                .isInstanceOf(AgentConnector.Probe.NotAnAgent.class);
    }

    @Test
    void anything_but_an_agent_is_not_a_zonedeck_agent_and_a_closed_port_unreachable() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String[] answer = {"{}"};
        int[] status = {200};
        fake.createContext("/", ex -> {
            byte[] b = answer[0].getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status[0], b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        fake.start();
        open.add(() -> fake.stop(0));
        AgentConnector c = connector(true, true);
        AgentConnector.Endpoint ep =
                c.check("http://127.0.0.1:" + fake.getAddress().getPort());
        for (String body : new String[] {"{}", "[]", "null", "<html>SECRET</html>", "{\"nodeId\":\"n\"}", ""}) {
            answer[0] = body;
            assertThat(c.identify(ep, "n", TOKEN, null)).as(body).isInstanceOf(AgentConnector.Probe.NotAnAgent.class);
        }
        for (int s : new int[] {301, 401, 403, 404, 500}) {
            status[0] = s;
            assertThat(c.identify(ep, "n", TOKEN, null)).as("" + s).isInstanceOf(AgentConnector.Probe.NotAnAgent.class);
        }
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(c.identify(c.check("http://127.0.0.1:" + closed), "n", TOKEN, null))
                .isInstanceOf(AgentConnector.Probe.Unreachable.class);
        // an HTTPS probe of a plain HTTP server: unreachable too, nothing about TLS
        assertThat(c.identify(c.check("https://127.0.0.1:" + fake.getAddress().getPort()), "n", TOKEN, null))
                .isInstanceOf(AgentConnector.Probe.Unreachable.class);
    }

    @Test
    void a_loopback_url_is_refused_before_any_connection_where_loopback_is_not_allowed() throws Exception {
        try (java.net.ServerSocket listener =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(300);
            AgentConnector strict = connector(true, false);
            for (String url : new String[] {
                "https://127.0.0.1:" + listener.getLocalPort(),
                "http://localhost:" + listener.getLocalPort(),
                "http://[::ffff:127.0.0.1]:" + listener.getLocalPort(),
                "http://2130706433:" + listener.getLocalPort()
            }) {
                assertThatThrownBy(() -> strict.check(url))
                        .as(url)
                        .isInstanceOfSatisfying(
                                ZoneDeckException.class,
                                e -> assertThat(e.messageFor("url").orElseThrow())
                                        .contains("loopback"));
                assertThatThrownBy(() -> strict.peek(url)).as(url).isInstanceOf(ZoneDeckException.class);
            }
            assertThatThrownBy(listener::accept)
                    .as("nothing connected")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void malformed_urls_are_field_errors() {
        AgentConnector c = connector(true, true);
        for (String url : new String[] {
            "",
            "ftp://x:1",
            "https://user:pw@10.0.0.1:9101",
            "https://10.0.0.1:9101/v1",
            "https://10.0.0.1:9101?x=1",
            "https://",
            "not a url",
            "https://10.0.0.1:9101#f"
        }) {
            assertThatThrownBy(() -> c.check(url))
                    .as(url)
                    .isInstanceOfSatisfying(
                            ZoneDeckException.class,
                            e -> assertThat(e.messageFor("url")).isPresent());
        }
    }

    @Test
    void a_direct_https_request_without_a_pin_still_reaches_the_agent_only_with_its_token() throws Exception {
        AgentIdentity id = AgentIdentity.ephemeral("tls-5");
        Agent a = agent("tls-5", id);
        HttpClient pinned = connector(false, true).clientFor(AgentUrl.parse(a.url()), id.fingerprint());
        HttpResponse<String> r = pinned.send(
                HttpRequest.newBuilder(URI.create(a.url() + "/v1/node")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
