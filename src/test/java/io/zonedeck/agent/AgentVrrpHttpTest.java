package io.zonedeck.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.vrrp.SimLan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VRRP endpoints of two sim agents sharing one SimLan in this JVM, in real time. */
class AgentVrrpHttpTest {
    private static final String TOKEN = "tok";

    private final ObjectMapper json = AgentJson.newMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SimLan lan = new SimLan();
    private Agent a;
    private Agent b;
    private UUID za;
    private UUID zb;

    @BeforeEach
    void start() throws Exception {
        a = Agent.start(AgentConfig.sim("node-a", TOKEN).withProvisionSeconds(0).withIpBase("10.88.1"), lan);
        b = Agent.start(AgentConfig.sim("node-b", TOKEN).withProvisionSeconds(0).withIpBase("10.88.2"), lan);
        za = zone(a, "joyent", "10.0.0.1");
        zb = zone(b, "joyent", "10.0.0.2");
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private static UUID zone(Agent agent, String brand, String ip) throws Exception {
        UUID uuid = UUID.randomUUID();
        agent.simDriver()
                .createImmediately(new CreatePayload(
                        uuid,
                        brand,
                        "lb",
                        null,
                        256L,
                        5L,
                        null,
                        null,
                        null,
                        null,
                        brand.equals("joyent") ? null : 1,
                        List.of(new Nic("external", List.of(ip + "/24"), null, null, true)),
                        null,
                        null));
        return uuid;
    }

    private static VrrpSpec spec(int vrid, String ip, int priority, int intervalMs) {
        return new VrrpSpec(vrid, ip, priority, intervalMs, true, true, List.of("10.0.0.100"), "external", 0);
    }

    private HttpResponse<String> call(Agent agent, String method, String path, Object body, String token)
            throws Exception {
        String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                .header(AgentJson.NODE_HEADER, agent.nodeId());
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(Agent agent, String method, String path, Object body) throws Exception {
        return call(agent, method, path, body, TOKEN);
    }

    private VrrpRouterInfo router(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), VrrpRouterInfo.class);
    }

    private ApiError error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json.readValue(r.body(), ApiError.class);
    }

    private List<VrrpRouterInfo> routers(Agent agent) throws Exception {
        HttpResponse<String> r = call(agent, "GET", "/v1/vrrp", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readValue(r.body(), new TypeReference<List<VrrpRouterInfo>>() {});
    }

    private String path(UUID machine, int vrid) {
        return "/v1/machines/" + machine + "/vrrp/" + vrid;
    }

    @Test
    void vrrp_endpoints_need_the_token_like_every_other() throws Exception {
        assertThat(call(a, "GET", "/v1/vrrp", null, null).statusCode()).isEqualTo(401);
        assertThat(call(a, "PUT", path(za, 1), spec(1, "10.0.0.1", 100, 100), "wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(call(a, "POST", "/v1/sim/fail", null, null).statusCode()).isEqualTo(401);
        assertThat(a.core().nodeDown()).isFalse();
        assertThat(a.simDriver().vrrpEngine().routers()).isEmpty();
    }

    @Test
    void put_creates_a_router_and_a_repeat_is_idempotent() throws Exception {
        VrrpRouterInfo first = router(call(a, "PUT", path(za, 1), spec(1, "10.0.0.1", 255, 100)));
        assertThat(first.state()).isEqualTo(VrrpState.MASTER);
        assertThat(first.vips()).containsExactly("10.0.0.100");
        VrrpRouterInfo again = router(call(a, "PUT", path(za, 1), spec(1, "10.0.0.1", 255, 100)));
        assertThat(again.stateSince()).isEqualTo(first.stateSince());
        assertThat(routers(a)).hasSize(1);
        assertThat(call(a, "GET", path(za, 1), null).body()).contains("\"interval_ms\":100", "\"primary_ip\"");
    }

    @Test
    void invalid_specs_get_422_with_field_errors_in_wire_names() throws Exception {
        String body = "{\"vrid\":2,\"primary_ip\":\"10.9.9.9\",\"priority\":0,\"interval_ms\":5,\"vips\":[]}";
        ApiError e = error(call(a, "PUT", path(za, 2), body), 422);
        assertThat(e.errors())
                .extracting(ApiError.FieldError::field)
                .containsExactlyInAnyOrder("priority", "interval_ms", "primary_ip", "vips");
        ApiError mismatch = error(call(a, "PUT", path(za, 3), spec(1, "10.0.0.1", 100, 100)), 422);
        assertThat(mismatch.errors()).extracting(ApiError.FieldError::field).containsExactly("vrid");
        ApiError range = error(call(a, "PUT", path(za, 300), spec(300, "10.0.0.1", 100, 100)), 422);
        assertThat(range.errors()).extracting(ApiError.FieldError::field).contains("vrid");
        assertThat(routers(a)).isEmpty();
    }

    @Test
    void kvm_machines_are_refused_with_a_brand_error() throws Exception {
        UUID kvm = zone(a, "kvm", "10.0.0.5");
        ApiError e = error(call(a, "PUT", path(kvm, 1), spec(1, "10.0.0.5", 100, 100)), 422);
        assertThat(e.errors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("brand");
            assertThat(f.message()).contains("VRRP does not work for kvm/bhyve machines on SmartOS");
        });
    }

    @Test
    void unknown_machine_or_router_is_404() throws Exception {
        UUID nobody = UUID.randomUUID();
        assertThat(error(call(a, "PUT", path(nobody, 1), spec(1, "10.0.0.1", 100, 100)), 404)
                        .code())
                .isEqualTo("NotFound");
        assertThat(error(call(a, "DELETE", path(za, 9), null), 404).code()).isEqualTo("NotFound");
        assertThat(error(call(a, "POST", path(za, 9) + "/enable", null), 404).code())
                .isEqualTo("NotFound");
        assertThat(call(a, "GET", "/v1/machines/" + za + "/vrrp/x", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void disable_enable_release_and_delete() throws Exception {
        router(call(a, "PUT", path(za, 4), spec(4, "10.0.0.1", 255, 100)));
        VrrpRouterInfo disabled = router(call(a, "POST", path(za, 4) + "/disable", null));
        assertThat(disabled.state()).isEqualTo(VrrpState.INIT);
        assertThat(disabled.enabled()).isFalse();
        VrrpRouterInfo enabled = router(call(a, "POST", path(za, 4) + "/enable", null));
        assertThat(enabled.state()).isEqualTo(VrrpState.MASTER);
        VrrpRouterInfo released = router(call(a, "POST", path(za, 4) + "/release", "{\"priority\":10}"));
        assertThat(released.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(released.priority()).isEqualTo(10);
        VrrpRouterInfo keep = router(call(a, "POST", path(za, 4) + "/release", null));
        assertThat(keep.priority()).isEqualTo(10);
        assertThat(error(call(a, "POST", path(za, 4) + "/release", "{\"priority\":0}"), 422)
                        .errors())
                .extracting(ApiError.FieldError::field)
                .containsExactly("priority");
        assertThat(call(a, "DELETE", path(za, 4), null).statusCode()).isEqualTo(204);
        assertThat(routers(a)).isEmpty();
        assertThat(call(a, "PATCH", path(za, 4), null).statusCode()).isEqualTo(405);
    }

    @Test
    void release_hands_over_to_the_peer_on_another_agent() throws Exception {
        router(call(a, "PUT", path(za, 5), spec(5, "10.0.0.1", 200, 100)));
        router(call(b, "PUT", path(zb, 5), spec(5, "10.0.0.2", 100, 100)));
        awaitState(a, za, 5, VrrpState.MASTER, 2000);
        awaitState(b, zb, 5, VrrpState.BACKUP, 10);
        router(call(a, "POST", path(za, 5) + "/release", "{\"priority\":50}"));
        awaitState(b, zb, 5, VrrpState.MASTER, 1000); // skew time of priority 100 at 100 ms: 61 ms
    }

    @Test
    void failed_node_answers_503_and_its_peer_becomes_master_within_mdi() throws Exception {
        router(call(a, "PUT", path(za, 1), spec(1, "10.0.0.1", 200, 100)));
        router(call(b, "PUT", path(zb, 1), spec(1, "10.0.0.2", 100, 100)));
        awaitState(a, za, 1, VrrpState.MASTER, 2000);
        Thread.sleep(150);
        assertThat(routers(b).get(0).state()).isEqualTo(VrrpState.BACKUP);
        long after = json.readValue(call(b, "GET", "/v1/stream", null).body(), StreamBatch.class)
                .next();

        HttpResponse<String> failed = call(a, "POST", "/v1/sim/fail", null);
        assertThat(failed.statusCode()).isEqualTo(200);
        long failedAt = System.currentTimeMillis();
        assertThat(error(call(a, "GET", "/v1/node", null), 503).code()).isEqualTo("NodeDown");
        assertThat(error(call(a, "GET", "/v1/vrrp", null), 503).code()).isEqualTo("NodeDown");

        // MDI of priority 100 at 100 ms: 360.9 ms
        awaitState(b, zb, 1, VrrpState.MASTER, 361 + 1000);
        assertThat(System.currentTimeMillis() - failedAt).isLessThan(1361);
        VrrpTransition t = awaitTransition(b, after, VrrpState.MASTER);
        assertThat(t.uuid()).isEqualTo(zb);
        assertThat(t.reason()).isEqualTo("master down timer expired");
        assertThat(t.at() - t.lastPeerAdvert()).isBetween(355L, 1361L);

        assertThat(call(a, "POST", "/v1/sim/recover", null).statusCode()).isEqualTo(200);
        assertThat(call(a, "GET", "/v1/node", null).statusCode()).isEqualTo(200);
        // preempt and higher priority: A takes the mastership back after its MDI (332 ms)
        awaitState(a, za, 1, VrrpState.MASTER, 2000);
        awaitState(b, zb, 1, VrrpState.BACKUP, 2000);
    }

    private void awaitState(Agent agent, UUID machine, int vrid, VrrpState state, long withinMs) throws Exception {
        long deadline = System.currentTimeMillis() + withinMs;
        VrrpRouterInfo last = null;
        do {
            last = router(call(agent, "GET", path(machine, vrid), null));
            if (last.state() == state) {
                return;
            }
            Thread.sleep(5);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("router never reached " + state + " within " + withinMs + " ms: " + last);
    }

    private VrrpTransition awaitTransition(Agent agent, long after, VrrpState to) throws Exception {
        long deadline = System.currentTimeMillis() + 2000;
        long next = after;
        while (System.currentTimeMillis() < deadline) {
            StreamBatch batch = json.readValue(
                    call(agent, "GET", "/v1/stream?after=" + next + "&wait=200", null)
                            .body(),
                    StreamBatch.class);
            for (StreamEntry e : batch.entries()) {
                if (e.vrrp() != null && e.vrrp().to() == to) {
                    assertThat(e.sample()).isNull();
                    assertThat(e.event()).isNull();
                    return e.vrrp();
                }
            }
            next = batch.next();
        }
        throw new AssertionError("no vrrp transition to " + to + " in the stream");
    }
}
