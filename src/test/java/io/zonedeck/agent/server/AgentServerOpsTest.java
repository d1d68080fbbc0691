package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The update, snapshot and sim-fault endpoints of protocol v1, over HTTP. */
class AgentServerOpsTest {
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
        // start and stop take 150 ms so that transitional states can be seen over HTTP
        driver = new SimDriver(
                42,
                new NodeResources("sim-1", 8, 16_384, 500, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                new SimSettings(Duration.ZERO, Duration.ofMillis(150), Duration.ofMillis(150), "10.88.1"));
        core = new AgentCore(NODE, driver, new RingBuffer(1024), Clock.systemUTC(), Executors.newCachedThreadPool());
        server = new AgentServer(core, TOKEN, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
        driver.close();
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .header(AgentJson.NODE_HEADER, NODE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return call("POST", path, json.writeValueAsString(body));
    }

    private <T> T read(HttpResponse<String> r, Class<T> type) throws Exception {
        return json.readValue(r.body(), type);
    }

    private ApiError error(HttpResponse<String> r) throws Exception {
        return read(r, ApiError.class);
    }

    private UUID seed(String brand, MachineState state) throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(
                new CreatePayload(
                        uuid,
                        brand,
                        "m-" + brand,
                        UUID.randomUUID(),
                        1024L,
                        10L,
                        100,
                        100,
                        null,
                        null,
                        brand.equals("kvm") || brand.equals("bhyve") ? 2 : null,
                        List.of(new Nic("external", List.of("10.9.0.5/24"), List.of(), 0, true)),
                        Map.of("k", "v"),
                        Map.of("role", "db")),
                state);
        return uuid;
    }

    private MachineInfo get(UUID uuid) throws Exception {
        return read(call("GET", "/v1/machines/" + uuid, null), MachineInfo.class);
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
            }
            Thread.sleep(10);
        }
        throw new AssertionError("machine " + uuid + " never reached " + state + ", last " + m);
    }

    @Test
    void get_reports_the_new_machine_fields() throws Exception {
        UUID uuid = seed("bhyve", MachineState.RUNNING);
        MachineInfo m = get(uuid);
        assertThat(m.vcpus()).isEqualTo(2);
        assertThat(m.ram()).isEqualTo(1024);
        assertThat(m.maxSwap()).isEqualTo(1024);
        assertThat(m.zfsIoPriority()).isEqualTo(100);
        assertThat(m.maxLwps()).isEqualTo(2000);
        assertThat(m.nics()).singleElement().satisfies(n -> {
            assertThat(n.mac()).startsWith("90:b8:d0:");
            assertThat(n.mtu()).isEqualTo(1500);
            assertThat(n.primary()).isTrue();
        });
        assertThat(m.tags()).containsEntry("role", "db");
        assertThat(m.customerMetadata()).containsEntry("k", "v");
        assertThat(m.snapshots()).isEmpty();
        List<MachineInfo> all =
                json.readValue(call("GET", "/v1/machines", null).body(), new TypeReference<List<MachineInfo>>() {});
        assertThat(all).singleElement().isEqualTo(m);
    }

    @Test
    void update_applies_and_answers_the_updated_machine() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        UpdatePayload u = UpdatePayload.none()
                .withAlias("db-2")
                .withResources(2048L, null, null, 20L, 50, null, 300, null, null)
                .withNics(
                        List.of(new Nic("internal", List.of("dhcp"), List.of(), 5, false, "90:b8:d0:12:34:56", 9000)),
                        null)
                .withTags(Map.of("tier", "gold"), List.of("role"));
        HttpResponse<String> r = post("/v1/machines/" + uuid + "/update", u);
        assertThat(r.statusCode()).isEqualTo(200);
        MachineInfo m = read(r, MachineInfo.class);
        assertThat(m.alias()).isEqualTo("db-2");
        assertThat(m.maxPhysicalMemory()).isEqualTo(2048);
        assertThat(m.cpuCap()).isEqualTo(50);
        assertThat(m.zfsIoPriority()).isEqualTo(300);
        assertThat(m.nics()).extracting(Nic::mac).contains("90:b8:d0:12:34:56");
        assertThat(m.tags()).containsExactly(Map.entry("tier", "gold"));
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(get(uuid)).isEqualTo(m);
    }

    @Test
    void update_refuses_image_uuid_invalid_values_and_unknown_machines() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        HttpResponse<String> image = call(
                "POST",
                "/v1/machines/" + uuid + "/update",
                "{\"image_uuid\":\"" + UUID.randomUUID() + "\",\"alias\":\"x\"}");
        assertThat(image.statusCode()).isEqualTo(422);
        assertThat(error(image).errors())
                .extracting(ApiError.FieldError::field, ApiError.FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("image_uuid", "image_uuid cannot be updated"));
        assertThat(get(uuid).alias()).isEqualTo("m-joyent");

        HttpResponse<String> bad = call("POST", "/v1/machines/" + uuid + "/update", "{\"cpu_cap\":7000}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(error(bad).errors()).extracting(ApiError.FieldError::field).containsExactly("cpu_cap");

        assertThat(call("POST", "/v1/machines/" + UUID.randomUUID() + "/update", "{}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void snapshots_are_created_listed_rolled_back_and_deleted() throws Exception {
        UUID uuid = seed("lx", MachineState.RUNNING);
        String base = "/v1/machines/" + uuid + "/snapshots";
        HttpResponse<String> created = post(base, Map.of("name", "before:upgrade-1"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read(created, SnapshotInfo.class).name()).isEqualTo("before:upgrade-1");
        assertThat(post(base, Map.of("name", "s2")).statusCode()).isEqualTo(201);
        assertThat(post(base, Map.of("name", "s3")).statusCode()).isEqualTo(201);
        HttpResponse<String> dup = post(base, Map.of("name", "s2"));
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(error(dup).code()).isEqualTo("Duplicate");
        HttpResponse<String> badName = post(base, Map.of("name", "has space"));
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(error(badName).errors())
                .extracting(ApiError.FieldError::field)
                .containsExactly("name");
        assertThat(post(base, Map.of("name", "x".repeat(65))).statusCode()).isEqualTo(422);

        List<SnapshotInfo> list = json.readValue(call("GET", base, null).body(), new TypeReference<>() {});
        assertThat(list).extracting(SnapshotInfo::name).containsExactly("before:upgrade-1", "s2", "s3");

        // the client URL-encodes the name: ':' becomes %3A
        Set<MachineState> seen = new CopyOnWriteArraySet<>();
        CompletableFuture<HttpResponse<String>> rollback = http.sendAsync(
                request("POST", base + "/before%3Aupgrade-1/rollback", null), HttpResponse.BodyHandlers.ofString());
        while (!rollback.isDone()) {
            seen.add(get(uuid).state());
            Thread.sleep(5);
        }
        HttpResponse<String> rolled = rollback.get();
        assertThat(rolled.statusCode()).isEqualTo(200);
        assertThat(read(rolled, MachineInfo.class).state()).isEqualTo(MachineState.RUNNING);
        assertThat(seen).contains(MachineState.STOPPING, MachineState.STARTING);
        assertThat(get(uuid).snapshots()).extracting(SnapshotInfo::name).containsExactly("before:upgrade-1");

        assertThat(call("POST", base + "/s3/rollback", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", base + "/before%3Aupgrade-1", null).statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", base + "/before%3Aupgrade-1", null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", base, null).body()).isEqualTo("[]");
    }

    @Test
    void kvm_snapshots_are_not_supported() throws Exception {
        UUID uuid = seed("kvm", MachineState.STOPPED);
        HttpResponse<String> r = post("/v1/machines/" + uuid + "/snapshots", Map.of("name", "s1"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(error(r).code()).isEqualTo("NotSupported");
        assertThat(error(r).message()).isEqualTo("snapshots are not supported for kvm VMs");
    }

    @Test
    void a_hanging_update_makes_the_machine_busy_until_the_faults_are_cleared() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        HttpResponse<String> injected = post("/v1/sim/faults", new SimFault("update", "hang", null, uuid, null));
        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(json.readValue(injected.body(), new TypeReference<List<SimFault>>() {}))
                .containsExactly(new SimFault("update", "hang", null, uuid, 1));

        CompletableFuture<HttpResponse<String>> hanging = http.sendAsync(
                request("POST", "/v1/machines/" + uuid + "/update", "{\"cpu_cap\":25}"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(hanging).isNotDone();
        for (String path : List.of("/stop", "/update", "/snapshots")) {
            HttpResponse<String> busy = call("POST", "/v1/machines/" + uuid + path, "{\"name\":\"s\"}");
            assertThat(busy.statusCode()).as(path).isEqualTo(409);
            assertThat(error(busy).code()).isEqualTo("Busy");
        }
        assertThat(get(uuid).cpuCap()).isEqualTo(100);

        assertThat(call("DELETE", "/v1/sim/faults", null).statusCode()).isEqualTo(204);
        HttpResponse<String> done = hanging.get(5, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(read(done, MachineInfo.class).cpuCap()).isEqualTo(25);
        assertThat(call("GET", "/v1/sim/faults", null).body()).isEqualTo("[]");
        assertThat(post("/v1/machines/" + uuid + "/update", Map.of("cpu_cap", 30))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_hanging_stop_shows_stopping_and_finishes_once_cleared() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        post("/v1/sim/faults", new SimFault("stop", "hang", null, null, null));
        assertThat(call("POST", "/v1/machines/" + uuid + "/stop", null).statusCode())
                .isEqualTo(202);
        Thread.sleep(400);
        assertThat(get(uuid).state()).isEqualTo(MachineState.STOPPING);
        assertThat(call("POST", "/v1/machines/" + uuid + "/start", null).statusCode())
                .isEqualTo(409);
        call("DELETE", "/v1/sim/faults", null);
        awaitState(uuid, MachineState.STOPPED);
    }

    @Test
    void a_failing_fault_fails_the_operation_and_is_used_up() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        post("/v1/sim/faults", new SimFault("snapshot", "fail", null, null, null));
        HttpResponse<String> failed = post("/v1/machines/" + uuid + "/snapshots", Map.of("name", "s1"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(error(failed).code()).isEqualTo("OperationFailed");
        assertThat(call("GET", "/v1/sim/faults", null).body()).isEqualTo("[]");
        assertThat(post("/v1/machines/" + uuid + "/snapshots", Map.of("name", "s1"))
                        .statusCode())
                .isEqualTo(201);

        post("/v1/sim/faults", new SimFault("create", "fail", 2, null, null));
        UUID created = UUID.randomUUID();
        post(
                "/v1/machines",
                new CreatePayload(
                        created, "joyent", "c", null, 256L, 5L, null, null, null, null, null, null, null, null));
        MachineInfo m = awaitState(created, MachineState.FAILED);
        assertThat(m.error()).isEqualTo("injected failure at step 2 (creating dataset from image)");
    }

    @Test
    void a_dropped_create_happens_but_the_client_gets_an_io_error_and_a_retry_finds_the_same_machine()
            throws Exception {
        post("/v1/sim/faults", new SimFault("create", "drop", null, null, null));
        UUID uuid = UUID.randomUUID();
        String body = json.writeValueAsString(new CreatePayload(
                uuid, "joyent", "dropped", null, 256L, 5L, null, null, null, null, null, null, null, null));
        assertThatThrownBy(() -> call("POST", "/v1/machines", body)).isInstanceOf(IOException.class);
        MachineInfo running = awaitState(uuid, MachineState.RUNNING);

        HttpResponse<String> retry = call("POST", "/v1/machines", body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(read(retry, MachineInfo.class)).isEqualTo(running);
        assertThat(driver.list()).hasSize(1);
        assertThat(call("GET", "/v1/sim/faults", null).body()).isEqualTo("[]");
    }

    @Test
    void a_dropped_update_is_applied() throws Exception {
        UUID uuid = seed("joyent", MachineState.RUNNING);
        post("/v1/sim/faults", new SimFault("any", "drop", null, uuid, 1));
        assertThatThrownBy(() -> call("POST", "/v1/machines/" + uuid + "/update", "{\"cpu_cap\":40}"))
                .isInstanceOf(IOException.class);
        assertThat(get(uuid).cpuCap()).isEqualTo(40);
    }

    @Test
    void unknown_fault_mode_or_operation_is_422_and_clear_removes_all() throws Exception {
        HttpResponse<String> bad = post("/v1/sim/faults", Map.of("operation", "explode", "mode", "melt"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(error(bad).errors())
                .extracting(ApiError.FieldError::field)
                .containsExactlyInAnyOrder("operation", "mode");
        assertThat(post("/v1/sim/faults", new SimFault("create", "fail", 5, null, null))
                        .statusCode())
                .isEqualTo(422);
        post("/v1/sim/faults", new SimFault("start", "slow", null, null, 3));
        post("/v1/sim/faults", new SimFault("any", "fail", null, null, null));
        assertThat(json.readValue(call("GET", "/v1/sim/faults", null).body(), new TypeReference<List<SimFault>>() {}))
                .hasSize(2);
        assertThat(call("DELETE", "/v1/sim/faults", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/v1/sim/faults", null).body()).isEqualTo("[]");
    }
}
