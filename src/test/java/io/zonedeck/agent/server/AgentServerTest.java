package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentServerTest {
    private static final String TOKEN = "s3cret-token";
    private static final String NODE = "node-1";

    private final ObjectMapper json = AgentJson.newMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SimDriver driver;
    private AgentCore core;
    private AgentServer server;

    @BeforeEach
    void start() throws Exception {
        driver = new SimDriver(
                42,
                new NodeResources("sim-1", 8, 16_384, 500, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.NONE,
                SimSettings.instant("10.88.1"));
        core = new AgentCore(NODE, driver, new RingBuffer(1024), Clock.systemUTC(), Executors.newCachedThreadPool());
        server = new AgentServer(core, TOKEN, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String token, String node)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (node != null) {
            b.header(AgentJson.NODE_HEADER, node);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN, NODE);
    }

    private <T> T read(HttpResponse<String> r, Class<T> type) throws Exception {
        return json.readValue(r.body(), type);
    }

    private static CreatePayload payload(UUID uuid, String alias) {
        return new CreatePayload(
                uuid, "joyent", alias, UUID.randomUUID(), 1024L, 10L, 100, 100, null, null, null, null, null, null);
    }

    private MachineInfo awaitState(UUID uuid, MachineState state) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        MachineInfo m = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = call("GET", "/v1/machines/" + uuid, null);
            if (r.statusCode() == 200) {
                m = read(r, MachineInfo.class);
                if (m.state() == state) {
                    return m;
                }
            } else if (state == MachineState.DESTROYED && r.statusCode() == 404) {
                return null;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("machine " + uuid + " never reached " + state + ", last " + m);
    }

    @Test
    void calls_without_or_with_a_wrong_token_are_unauthorized() throws Exception {
        HttpResponse<String> none = call("GET", "/v1/node", null, null, NODE);
        HttpResponse<String> wrong = call("GET", "/v1/node", null, "nope", NODE);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(read(wrong, ApiError.class).code()).isEqualTo("Unauthorized");
    }

    @Test
    void unauthorized_create_does_nothing() throws Exception {
        UUID uuid = UUID.randomUUID();
        HttpResponse<String> r = call("POST", "/v1/machines", json.writeValueAsString(payload(uuid, "x")), "bad", NODE);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(core.machines()).isEmpty();
    }

    @Test
    void right_token_for_another_node_is_forbidden_and_does_nothing() throws Exception {
        UUID uuid = UUID.randomUUID();
        String body = json.writeValueAsString(payload(uuid, "x"));
        HttpResponse<String> other = call("POST", "/v1/machines", body, TOKEN, "node-2");
        HttpResponse<String> missing = call("POST", "/v1/machines", body, TOKEN, null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(read(other, ApiError.class).code()).isEqualTo("Forbidden");
        Thread.sleep(50);
        assertThat(core.machines()).isEmpty();
        assertThat(driver.list()).isEmpty();
    }

    @Test
    void node_reports_itself_and_provisioned_sums() throws Exception {
        driver.createImmediately(payload(UUID.randomUUID(), "seeded"));
        HttpResponse<String> r = call("GET", "/v1/node", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(r.body()).contains("\"node_id\":\"node-1\"");
        NodeInfo n = read(r, NodeInfo.class);
        assertThat(n.driver()).isEqualTo("sim");
        assertThat(n.agentVersion()).isEqualTo("0.1.0");
        assertThat(n.protocolVersion()).isEqualTo("1");
        assertThat(n.machineCount()).isEqualTo(1);
        assertThat(n.provisionedRamMiB()).isEqualTo(1024);
        assertThat(n.provisionedDiskGiB()).isEqualTo(10);
        assertThat(n.brands()).contains("joyent", "bhyve");
    }

    @Test
    void create_is_accepted_then_runs_and_a_repeat_is_idempotent() throws Exception {
        UUID uuid = UUID.randomUUID();
        String body = json.writeValueAsString(payload(uuid, "web-1"));
        HttpResponse<String> first = call("POST", "/v1/machines", body);
        assertThat(first.statusCode()).isEqualTo(202);
        MachineInfo accepted = read(first, MachineInfo.class);
        assertThat(accepted.uuid()).isEqualTo(uuid);
        assertThat(accepted.state()).isIn(MachineState.PROVISIONING, MachineState.RUNNING);

        MachineInfo running = awaitState(uuid, MachineState.RUNNING);
        assertThat(running.ips()).containsExactly("10.88.1.10");

        HttpResponse<String> again = call("POST", "/v1/machines", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again, MachineInfo.class)).isEqualTo(running);
        assertThat(driver.list()).hasSize(1);

        List<MachineInfo> all =
                json.readValue(call("GET", "/v1/machines", null).body(), new TypeReference<List<MachineInfo>>() {});
        assertThat(all).extracting(MachineInfo::uuid).containsExactly(uuid);
    }

    @Test
    void create_with_a_different_payload_for_an_existing_uuid_is_a_duplicate() throws Exception {
        UUID uuid = UUID.randomUUID();
        assertThat(call("POST", "/v1/machines", json.writeValueAsString(payload(uuid, "a")))
                        .statusCode())
                .isEqualTo(202);
        HttpResponse<String> r = call("POST", "/v1/machines", json.writeValueAsString(payload(uuid, "b")));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(read(r, ApiError.class).code()).isEqualTo("Duplicate");
    }

    @Test
    void invalid_payload_is_rejected_with_field_errors_in_wire_names() throws Exception {
        String body = "{\"uuid\":\"" + UUID.randomUUID() + "\",\"brand\":\"xen\",\"alias\":\"-x\","
                + "\"max_physical_memory\":0}";
        HttpResponse<String> r = call("POST", "/v1/machines", body);
        assertThat(r.statusCode()).isEqualTo(422);
        ApiError e = read(r, ApiError.class);
        assertThat(e.code()).isEqualTo("Invalid");
        assertThat(e.errors())
                .extracting(ApiError.FieldError::field)
                .containsExactlyInAnyOrder("brand", "alias", "max_physical_memory");
        assertThat(core.machines()).isEmpty();
    }

    @Test
    void malformed_json_is_a_bad_request_without_internals() throws Exception {
        HttpResponse<String> r = call("POST", "/v1/machines", "{\"uuid\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(read(r, ApiError.class).code()).isEqualTo("Invalid");
        assertThat(r.body()).doesNotContain("jackson").doesNotContain("Exception");

        HttpResponse<String> wrongType = call("POST", "/v1/machines", "{\"uuid\":\"not-a-uuid\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).doesNotContain("jackson").doesNotContain("java.");
    }

    @Test
    void unknown_machine_path_and_method_give_404_and_405() throws Exception {
        HttpResponse<String> missing = call("GET", "/v1/machines/" + UUID.randomUUID(), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(read(missing, ApiError.class).code()).isEqualTo("NotFound");
        assertThat(call("GET", "/v1/nothing", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/v1/machines/" + UUID.randomUUID() + "/start", null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> wrongMethod = call("DELETE", "/v1/node", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
        assertThat(call("PUT", "/v1/machines", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void lifecycle_actions_are_accepted_and_take_effect() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(payload(uuid, "life"));
        assertThat(call("POST", "/v1/machines/" + uuid + "/stop", null).statusCode())
                .isEqualTo(202);
        awaitState(uuid, MachineState.STOPPED);
        HttpResponse<String> reboot = call("POST", "/v1/machines/" + uuid + "/reboot", null);
        assertThat(reboot.statusCode()).isEqualTo(409);
        assertThat(read(reboot, ApiError.class).code()).isEqualTo("InvalidState");
        assertThat(call("POST", "/v1/machines/" + uuid + "/start", null).statusCode())
                .isEqualTo(202);
        awaitState(uuid, MachineState.RUNNING);
        assertThat(call("POST", "/v1/machines/" + uuid + "/reboot", null).statusCode())
                .isEqualTo(202);
        awaitState(uuid, MachineState.RUNNING);
        assertThat(call("DELETE", "/v1/machines/" + uuid, null).statusCode()).isEqualTo(202);
        awaitState(uuid, MachineState.DESTROYED);
    }

    @Test
    void stream_is_resumable_without_duplicates() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(payload(uuid, "streamed"));
        core.tick();
        core.tick();
        StreamBatch first = read(call("GET", "/v1/stream?after=0", null), StreamBatch.class);
        assertThat(first.gap()).isFalse();
        assertThat(first.entries()).isNotEmpty();
        assertThat(first.entries()).anySatisfy(e -> {
            assertThat(e.event()).isNotNull();
            assertThat(e.event().uuid()).isEqualTo(uuid);
            assertThat(e.event().state()).isEqualTo(MachineState.RUNNING);
        });
        assertThat(first.entries())
                .anySatisfy(e -> assertThat(e.sample().machines()).hasSize(1));

        core.tick();
        StreamBatch second =
                read(call("GET", "/v1/stream?after=" + first.next() + "&wait=2000", null), StreamBatch.class);
        assertThat(second.entries()).isNotEmpty();
        assertThat(second.entries()).allSatisfy(e -> assertThat(e.seq()).isGreaterThan(first.next()));

        List<Long> seqs = new ArrayList<>();
        first.entries().forEach(e -> seqs.add(e.seq()));
        second.entries().forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
        assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).isEqualTo(seqs.size());
    }

    @Test
    void stream_long_poll_waits_for_the_next_tick() throws Exception {
        core.tick();
        long after =
                read(call("GET", "/v1/stream?after=0", null), StreamBatch.class).next();
        Thread ticker = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            core.tick();
        });
        ticker.start();
        long t0 = System.nanoTime();
        StreamBatch b = read(call("GET", "/v1/stream?after=" + after + "&wait=5000", null), StreamBatch.class);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(b.entries())
                .extracting(StreamEntry::seq)
                .allSatisfy(s -> assertThat(s).isGreaterThan(after));
        assertThat(b.entries()).isNotEmpty();
        assertThat(ms).isBetween(100L, 4000L);
        ticker.join();
    }

    @Test
    void provisioning_steps_and_final_state_appear_in_the_stream() throws Exception {
        UUID uuid = UUID.randomUUID();
        call("POST", "/v1/machines", json.writeValueAsString(payload(uuid, "events")));
        awaitState(uuid, MachineState.RUNNING);
        core.tick();
        StreamBatch b = read(call("GET", "/v1/stream?after=0", null), StreamBatch.class);
        List<String> steps = b.entries().stream()
                .filter(e -> e.event() != null && e.event().step() != null)
                .map(e -> e.event().step() + "@" + e.event().progress())
                .toList();
        assertThat(steps)
                .containsSubsequence(
                        "validating payload@10",
                        "creating dataset from image@40",
                        "configuring network@70",
                        "booting@90");
        assertThat(b.entries())
                .filteredOn(e -> e.event() != null)
                .last()
                .satisfies(e -> assertThat(e.event().state()).isEqualTo(MachineState.RUNNING));
    }
}
