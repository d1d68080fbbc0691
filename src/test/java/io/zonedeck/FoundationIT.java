package io.zonedeck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.AgentClient;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole spine on real HTTP: the portal with its demo datacenter of sim agents on loopback, driven through
 * the service layer and the REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class FoundationIT {
    static final Duration JOB = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    Api api;

    /** A remote agent named in configuration (zonedeck.agents[0]) is registered at start-up. */
    static final Agent CONFIGURED = Agent.start(AgentConfig.sim("configured-node", "configured-secret"));

    @org.springframework.test.context.DynamicPropertySource
    static void configuredAgent(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("zonedeck.agents[0].name", () -> "configured-node");
        registry.add("zonedeck.agents[0].url", () -> "http://127.0.0.1:" + CONFIGURED.port());
        registry.add("zonedeck.agents[0].credential", () -> "configured-secret");
    }

    @LocalServerPort
    int port;

    @Autowired
    MachineService machines;

    @Autowired
    NodeService nodes;

    @Autowired
    UserService users;

    @Autowired
    org.springframework.security.core.context.SecurityContextHolderStrategy securityStrategy;

    /**
     * Several Spring contexts share this JVM and each installs its own (Vaadin-aware) strategy in the static
     * holder; method security of this context reads this context's one.
     */
    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurityStrategy() {
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
        api = new Api(port);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void machine_lifecycle_through_the_service_layer() {
        As.signIn(users, "alice");
        Accepted accepted = machines.create(new CreateMachineRequest("svc-01", "joyent", "base-64-lts", "g1-nano"));
        assertThat(accepted.machine().state()).isEqualTo("provisioning");
        assertThat(accepted.job().action()).isEqualTo("create");

        JobInfo done = Eventually.until(
                JOB, () -> machines.job(accepted.job().id()).orElseThrow(), j -> !j.active(), "create job");
        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.steps()).isNotEmpty();
        UUID id = accepted.machine().id();
        assertThat(machines.get(id).state()).isEqualTo("running");
        assertThat(machines.get(id).ip()).startsWith("10.88.0.");

        JobInfo stop = machines.stop(id);
        assertThatThrownBy(() -> machines.reboot(id))
                .isInstanceOf(ZoneDeckException.class)
                .hasMessageContaining("busy");
        Eventually.until(JOB, () -> machines.job(stop.id()).orElseThrow(), j -> !j.active(), "stop job");
        assertThat(machines.get(id).state()).isEqualTo("stopped");

        JobInfo delete = machines.delete(id);
        Eventually.until(JOB, () -> machines.job(delete.id()).orElseThrow(), j -> !j.active(), "delete job");
        assertThat(machines.find(id)).isEmpty();
    }

    @Test
    void machine_lifecycle_through_the_rest_api() throws Exception {
        HttpResponse<String> created = call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"rest-01\",\"brand\":\"lx\",\"image\":\"ubuntu-24.04\",\"package\":\"g1-small\"}");
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(created.body());
        String id = body.at("/machine/id").asText();
        String jobId = body.at("/job/id").asText();

        awaitJob("alice", jobId);
        assertThat(json(call("alice", "GET", "/api/v1/machines/" + id, null))
                        .get("state")
                        .asText())
                .isEqualTo("running");
        assertThat(json(call("alice", "GET", "/api/v1/machines", null)).findValuesAsText("id"))
                .contains(id);

        HttpResponse<String> stop = call("alice", "POST", "/api/v1/machines/" + id + "/stop", null);
        assertThat(stop.statusCode()).isEqualTo(202);
        awaitJob("alice", json(stop).get("id").asText());
        assertThat(json(call("alice", "GET", "/api/v1/machines/" + id, null))
                        .get("state")
                        .asText())
                .isEqualTo("stopped");

        HttpResponse<String> start = call("alice", "POST", "/api/v1/machines/" + id + "/start", null);
        awaitJob("alice", json(start).get("id").asText());
        HttpResponse<String> reboot = call("alice", "POST", "/api/v1/machines/" + id + "/reboot", null);
        assertThat(reboot.statusCode()).isEqualTo(202);
        awaitJob("alice", json(reboot).get("id").asText());

        HttpResponse<String> delete = call("alice", "DELETE", "/api/v1/machines/" + id, null);
        assertThat(delete.statusCode()).isEqualTo(202);
        awaitJob("alice", json(delete).get("id").asText());
        assertThat(call("alice", "GET", "/api/v1/machines/" + id, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_foreign_machine_answers_exactly_like_a_missing_one() throws Exception {
        String acmeMachine = json(call("alice", "GET", "/api/v1/machines", null))
                .get(0)
                .get("id")
                .asText();
        String missing = UUID.randomUUID().toString();
        for (String[] req : new String[][] {{"GET", "/api/v1/machines/%s"}, {"POST", "/api/v1/machines/%s/stop"}}) {
            HttpResponse<String> foreign = call("bob", req[0], req[1].formatted(acmeMachine), null);
            HttpResponse<String> absent = call("bob", req[0], req[1].formatted(missing), null);
            assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
            assertThat(json(foreign).get("code").asText())
                    .isEqualTo("NotFound")
                    .isEqualTo(json(absent).get("code").asText());
        }
        assertThat(call("bob", "DELETE", "/api/v1/machines/" + acmeMachine, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(call("bob", "GET", "/api/v1/machines", null)).findValuesAsText("tenantName"))
                .containsOnly("globex");
        As.signIn(users, "bob");
        assertThat(machines.find(UUID.fromString(acmeMachine))).isEmpty();
        assertThat(machines.list()).extracting(MachineSummary::tenantName).containsOnly("globex");
        assertThat(machines.list()).extracting(MachineSummary::nodeName).containsOnlyNulls();
    }

    @Test
    void bad_input_gets_field_errors_and_never_a_500() throws Exception {
        HttpResponse<String> invalid = call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"bad name!\",\"brand\":\"solaris\",\"image\":\"nope\",\"package\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode err = json(invalid);
        assertThat(err.get("code").asText()).isEqualTo("Invalid");
        assertThat(err.get("errors").findValuesAsText("field")).contains("name", "brand", "image", "package");

        HttpResponse<String> wrongBrand = call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"x1\",\"brand\":\"kvm\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(json(wrongBrand).get("errors").findValuesAsText("field")).containsExactly("image");

        assertThat(call("alice", "POST", "/api/v1/machines", "{not json").statusCode())
                .isEqualTo(400);
        assertThat(call("alice", "POST", "/api/v1/machines", "[1,2]").statusCode())
                .isEqualTo(400);
        assertThat(call("alice", "GET", "/api/v1/machines/not-a-uuid", null).statusCode())
                .isEqualTo(404);
        assertThat(call("alice", "GET", "/api/v1/jobs/" + UUID.randomUUID(), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("alice", "PUT", "/api/v1/machines", "{}").statusCode()).isEqualTo(405);
        assertThat(call(null, "GET", "/api/v1/machines", null).statusCode()).isEqualTo(401);
        assertThat(call("alice", "GET", "/api/v1/nodes", null).statusCode()).isEqualTo(403);
        assertThat(json(call("alice", "GET", "/api/v1/machines", null)).findValuesAsText("name"))
                .doesNotContain("bad name!", "x1");
    }

    @Test
    void nodes_and_catalog_are_served() throws Exception {
        JsonNode nodeList = json(call("operator", "GET", "/api/v1/nodes", null));
        java.util.Map<String, String> states = new java.util.HashMap<>();
        nodeList.forEach(n -> states.put(n.get("name").asText(), n.get("state").asText()));
        assertThat(states)
                .containsEntry("demo-node-1", "online")
                .containsEntry("demo-node-2", "online")
                .containsEntry("configured-node", "online");
        assertThat(json(call("bob", "GET", "/api/v1/packages", null)).findValuesAsText("name"))
                .contains("g1-nano", "g1-large");
        assertThat(json(call("bob", "GET", "/api/v1/images", null)).findValuesAsText("name"))
                .contains("base-64-lts", "ubuntu-24.04");
        HttpResponse<String> openApi = call(null, "GET", "/v3/api-docs", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/machines");
    }

    @Test
    void method_security_refuses_operator_services_to_tenants() {
        As.signIn(users, "alice");
        assertThatThrownBy(() -> nodes.list()).isInstanceOf(AccessDeniedException.class);
        As.signIn(users, "operator");
        assertThat(nodes.list()).extracting(n -> n.node().name()).contains("demo-node-1", "demo-node-2");
    }

    @Test
    void an_agent_refuses_a_wrong_credential_and_a_credential_for_another_node() {
        try (Agent agent = Agent.start(AgentConfig.sim("it-node", "right-secret"))) {
            String url = "http://127.0.0.1:" + agent.port();
            HttpClient client = HttpClient.newHttpClient();
            assertThat(new AgentClient(client, url, "it-node", "right-secret")
                            .node()
                            .nodeId())
                    .isEqualTo("it-node");
            assertThatThrownBy(() -> new AgentClient(client, url, "it-node", "wrong-secret").machines())
                    .isInstanceOfSatisfying(
                            AgentCallException.class,
                            e -> assertThat(e.agentStatus()).isEqualTo(401));
            assertThatThrownBy(() -> new AgentClient(client, url, "other-node", "right-secret").machines())
                    .isInstanceOfSatisfying(
                            AgentCallException.class,
                            e -> assertThat(e.agentStatus()).isEqualTo(403));

            As.signIn(users, "operator");
            // registration tells only "not a ZoneDeck agent" or "unreachable" (issue 16: no port-scan oracle)
            assertThatThrownBy(() -> nodes.register("it-node", url, "wrong-secret"))
                    .isInstanceOfSatisfying(
                            ZoneDeckException.class,
                            e -> assertThat(e.messageFor("url").orElseThrow()).startsWith("not a ZoneDeck agent"));
            assertThatThrownBy(() -> nodes.register("other-node", url, "right-secret"))
                    .isInstanceOfSatisfying(
                            ZoneDeckException.class,
                            e -> assertThat(e.messageFor("url").orElseThrow()).startsWith("not a ZoneDeck agent"));
            assertThatThrownBy(() -> nodes.register("it-node", "http://127.0.0.1:1", "right-secret"))
                    .isInstanceOfSatisfying(
                            ZoneDeckException.class,
                            e -> assertThat(e.messageFor("url")).contains("unreachable"));
            assertThat(nodes.register("it-node", url, "right-secret").name()).isEqualTo("it-node");
        }
    }

    @Test
    void a_silent_node_becomes_unknown_and_refuses_destructive_actions() {
        // an empty node whose name sorts first wins the placement tie among empty nodes
        UUID machineId;
        try (Agent agent = Agent.start(AgentConfig.sim("a-silent-node", "silent-secret"))) {
            As.signIn(users, "operator");
            nodes.register("a-silent-node", "http://127.0.0.1:" + agent.port(), "silent-secret");
            As.signIn(users, "alice");
            Accepted accepted =
                    machines.create(new CreateMachineRequest("on-silent", "joyent", "base-64-lts", "g1-nano"));
            machineId = accepted.machine().id();
            Eventually.until(JOB, () -> machines.job(accepted.job().id()).orElseThrow(), j -> !j.active(), "create");
            As.signIn(users, "operator");
            assertThat(machines.get(machineId).nodeName()).isEqualTo("a-silent-node");
        }
        // the agent is gone: heartbeats every 5 s, silent for 11 s means unknown, and so are its machines
        As.signIn(users, "alice");
        Eventually.until(
                Duration.ofSeconds(30), () -> machines.get(machineId).state(), "unknown"::equals, "machine unknown");
        assertThatThrownBy(() -> machines.delete(machineId))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("NodeUnavailable"));
        assertThat(machines.activeJob(machineId)).isEmpty();
    }

    private void awaitJob(String user, String jobId) {
        JsonNode job = Eventually.until(
                JOB,
                () -> json(call(user, "GET", "/api/v1/jobs/" + jobId, null)),
                j -> !j.get("state").asText().matches("queued|running"),
                "job " + jobId);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    }

    private HttpResponse<String> call(String user, String method, String path, String body) {
        return api.call(user, method, path, body);
    }

    private static JsonNode json(HttpResponse<String> res) {
        return Api.json(res);
    }
}
