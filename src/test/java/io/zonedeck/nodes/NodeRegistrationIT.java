package io.zonedeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import io.zonedeck.agent.tls.AgentIdentity;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.nodes.internal.CredentialCipher;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Registering nodes over REST (issue 16, item 5): a taken name is refused, a replacement needs the agent's proof
 * (the pinned certificate), the URL policy refuses before connecting, and refusals say only "unreachable" or "not a
 * ZoneDeck agent". In the shared context: the agents registered here are too small to be chosen by placement
 * (1 CPU, 64 MiB), and their names sort after the demo's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class NodeRegistrationIT extends RestTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AgentConnector connector;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CredentialCipher cipher;

    @Autowired
    NodeCredentialSealer sealer;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAgents() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    Agent agent(String node, String token, AgentIdentity identity) {
        SimDriver driver = new SimDriver(
                1,
                new NodeResources(node, 1, 64, 1, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                SimSettings.scaled(0, "10.76.0"),
                new SimLan());
        Agent a = Agent.start(AgentConfig.sim(node, token), driver, identity);
        open.add(a);
        return a;
    }

    HttpResponse<String> register(String name, String url, String credential, String fingerprint, Boolean replace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("credential", credential);
        if (fingerprint != null) {
            body.put("fingerprint", fingerprint);
        }
        if (replace != null) {
            body.put("replace", replace);
        }
        try {
            return api.call("operator", "POST", "/api/v1/nodes", JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fieldError(HttpResponse<String> r, String field) {
        for (JsonNode e : Api.json(r).path("errors")) {
            if (e.path("field").asText().equals(field)) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + ": " + r.body());
    }

    JsonNode node(String name) {
        for (JsonNode n : Api.json(api.call("operator", "GET", "/api/v1/nodes", null))) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    String rawCredential(String name) {
        return jdbc.queryForObject("select credential from node where name = ?", String.class, name);
    }

    static ServerSocket listener() throws Exception {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setSoTimeout(300);
        return s;
    }

    static void assertNothingConnected(ServerSocket s) throws Exception {
        try {
            s.accept().close();
            throw new AssertionError("the portal connected to " + s.getLocalPort());
        } catch (SocketTimeoutException expected) {
            // nothing came
        }
    }

    @Test
    void a_taken_name_is_refused_with_409_on_name_before_anything_is_connected_and_nothing_changes() throws Exception {
        JsonNode before = node("demo-node-1");
        try (ServerSocket fake = listener()) {
            HttpResponse<String> r =
                    register("demo-node-1", "http://127.0.0.1:" + fake.getLocalPort(), "stolen", null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(fieldError(r, "name")).contains("already registered").contains("replace");
            assertNothingConnected(fake);
        }
        assertThat(node("demo-node-1").path("url")).isEqualTo(before.path("url"));
        assertThat(node("demo-node-1").path("state").asText())
                .isEqualTo(before.path("state").asText());
    }

    @Test
    void an_https_node_moves_only_to_an_agent_that_presents_its_pinned_certificate() {
        AgentIdentity identity = AgentIdentity.ephemeral("zz-tls-move");
        Agent first = agent("zz-tls-move", "token-one-0123456789", identity);
        long t0 = System.nanoTime();
        HttpResponse<String> created = register("zz-tls-move", first.url(), "token-one-0123456789", null, null);
        System.out.printf(
                "node registration over TLS (REST, trust on first use): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Api.json(created).path("fingerprint").asText())
                .isEqualTo(identity.fingerprint().toString());
        assertThat(rawCredential("zz-tls-move")).startsWith("v1:").doesNotContain("token-one-0123456789");

        // same name, another key: no proof, refused, nothing changed
        Agent impostor = agent("zz-tls-move", "token-evil-0123456789", AgentIdentity.ephemeral("zz-tls-move"));
        HttpResponse<String> refused = register("zz-tls-move", impostor.url(), "token-evil-0123456789", null, true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(fieldError(refused, "url"))
                .contains("does not prove")
                .contains(identity.fingerprint().toString());
        assertThat(node("zz-tls-move").path("url").asText()).isEqualTo(first.url());
        HttpResponse<String> plain =
                register("zz-tls-move", impostor.url().replace("https:", "http:"), "token-evil-0123456789", null, true);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(409);
        HttpResponse<String> noFlag = register("zz-tls-move", impostor.url(), "token-evil-0123456789", null, null);
        assertThat(noFlag.statusCode()).isEqualTo(409);
        assertThat(fieldError(noFlag, "name")).contains("already registered");

        // the same identity at a new port with a new token: the proof holds, the node moves
        Agent moved = agent("zz-tls-move", "token-two-0123456789", identity);
        HttpResponse<String> replaced = register("zz-tls-move", moved.url(), "token-two-0123456789", null, true);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
        assertThat(Api.json(replaced).path("id")).isEqualTo(Api.json(created).path("id"));
        assertThat(node("zz-tls-move").path("url").asText()).isEqualTo(moved.url());
        String raw = rawCredential("zz-tls-move");
        assertThat(raw).startsWith("v1:").doesNotContain("token-two");
        assertThat(cipher.decrypt(UUID.fromString(Api.json(created).path("id").asText()), raw))
                .isEqualTo("token-two-0123456789");
    }

    @Test
    void where_plain_http_is_allowed_a_node_moves_to_an_agent_answering_as_it_when_asked_to_replace_it() {
        // the demo restarting its in-JVM agents on new ports with new credentials
        Agent before = agent("zz-plain-move", "plain-one-0123456789", null);
        HttpResponse<String> created = register("zz-plain-move", before.url(), "plain-one-0123456789", null, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Api.json(created).path("fingerprint").isNull()).isTrue();
        Agent after = agent("zz-plain-move", "plain-two-0123456789", null);
        assertThat(register("zz-plain-move", after.url(), "plain-two-0123456789", null, null)
                        .statusCode())
                .isEqualTo(409);
        Agent other = agent("zz-someone-else", "plain-two-0123456789", null);
        HttpResponse<String> notIt = register("zz-plain-move", other.url(), "plain-two-0123456789", null, true);
        assertThat(notIt.statusCode()).as(notIt.body()).isEqualTo(400);
        assertThat(fieldError(notIt, "url")).startsWith("not a ZoneDeck agent");
        HttpResponse<String> moved = register("zz-plain-move", after.url(), "plain-two-0123456789", null, true);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        assertThat(Api.json(moved).path("id")).isEqualTo(Api.json(created).path("id"));
        assertThat(node("zz-plain-move").path("url").asText()).isEqualTo(after.url());
    }

    @Test
    void an_expected_fingerprint_that_the_agent_does_not_present_is_refused_on_that_field() {
        Agent a = agent("zz-tls-expect", "token-0123456789abc", AgentIdentity.ephemeral("zz-tls-expect"));
        String other = AgentIdentity.ephemeral("x").fingerprint().toString();
        HttpResponse<String> r = register("zz-tls-expect", a.url(), "token-0123456789abc", other, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(fieldError(r, "fingerprint")).contains("not " + other);
        assertThat(node("zz-tls-expect")).isNull();
        HttpResponse<String> ok = register(
                "zz-tls-expect",
                a.url(),
                "token-0123456789abc",
                a.fingerprint().orElseThrow().hex(),
                null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void plain_http_is_refused_where_the_setting_does_not_allow_it_before_any_connection() throws Exception {
        boolean was = connector.plainHttpAllowed();
        connector.allowPlainHttp(false);
        try (ServerSocket fake = listener()) {
            HttpResponse<String> r = register("zz-plain", "http://127.0.0.1:" + fake.getLocalPort(), "tok", null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(fieldError(r, "url")).contains("plain HTTP is not allowed");
            assertNothingConnected(fake);
        } finally {
            connector.allowPlainHttp(was);
        }
        assertThat(node("zz-plain")).isNull();
    }

    @Test
    void loopback_is_refused_where_the_setting_does_not_allow_it_before_any_connection() throws Exception {
        boolean was = connector.loopbackAllowed();
        connector.allowLoopback(false);
        try (ServerSocket fake = listener()) {
            for (String host : new String[] {"127.0.0.1", "localhost", "[::1]", "127.0.0.2", "[::ffff:127.0.0.1]"}) {
                HttpResponse<String> r =
                        register("zz-loop", "https://" + host + ":" + fake.getLocalPort(), "tok", null, null);
                assertThat(r.statusCode()).as(host + " " + r.body()).isEqualTo(400);
                assertThat(fieldError(r, "url")).as(host).contains("loopback");
            }
            assertNothingConnected(fake);
        } finally {
            connector.allowLoopback(was);
        }
        assertThat(node("zz-loop")).isNull();
    }

    @Test
    void the_portals_own_port_is_refused_even_where_loopback_is_allowed() {
        HttpResponse<String> r = register("zz-self", "http://127.0.0.1:" + port, "tok", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(fieldError(r, "url")).contains("own port");
    }

    @Test
    void a_server_that_answers_2xx_but_is_no_agent_is_a_clear_400_that_repeats_nothing_it_said() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", ex -> {
            byte[] b = "{\"banner\":\"SECRET-BANNER internal-service 1.2\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        fake.start();
        open.add(() -> fake.stop(0));
        HttpResponse<String> r =
                register("zz-fake", "http://127.0.0.1:" + fake.getAddress().getPort(), "tok", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(fieldError(r, "url")).startsWith("not a ZoneDeck agent");
        assertThat(r.body()).doesNotContain("SECRET").doesNotContain("banner").doesNotContain("200");
        assertThat(node("zz-fake")).isNull();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpResponse<String> gone = register("zz-fake", "http://127.0.0.1:" + closed, "tok", null, null);
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(fieldError(gone, "url")).isEqualTo("unreachable");
    }

    @Test
    void bad_input_is_a_field_error_and_never_a_500() {
        String url = "http://127.0.0.1:9";
        Map<String, HttpResponse<String>> cases = new LinkedHashMap<>();
        cases.put("fingerprint", register("zz-bad", url, "tok", "not-a-fingerprint", null));
        cases.put("credential", register("zz-bad", url, "tok\r\nX-Injected: 1", null, null));
        cases.put("url", register("zz-bad", "https://user@10.0.0.1:9101/path", "tok", null, null));
        cases.put("name", register("bad name!", url, "tok", null, null));
        cases.forEach((field, r) -> {
            assertThat(r.statusCode()).as(field + " " + r.body()).isBetween(400, 499);
            assertThat(fieldError(r, field)).isNotBlank();
        });
        HttpResponse<String> empty = api.call("operator", "POST", "/api/v1/nodes", "");
        assertThat(empty.statusCode()).as(empty.body()).isBetween(400, 499);
        assertThat(node("zz-bad")).isNull();
    }

    @Test
    void credentials_written_before_encryption_are_sealed_at_start_and_still_work() {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into node (id, name, url, credential, state, cpus, ram_mib, disk_gib, created_at)"
                        + " values (?, 'zz-legacy', 'http://127.0.0.1:9', 'legacy-plain-token', 'UNKNOWN', 1, 64, 1,"
                        + " current_timestamp)",
                id);
        try {
            assertThat(sealer.sealPlainCredentials()).isEqualTo(1);
            String raw = rawCredential("zz-legacy");
            assertThat(raw).startsWith("v1:").doesNotContain("legacy-plain-token");
            assertThat(cipher.decrypt(id, raw)).isEqualTo("legacy-plain-token");
            assertThat(sealer.sealPlainCredentials()).as("once").isZero();
        } finally {
            jdbc.update("delete from node where id = ?", id);
        }
    }
}
