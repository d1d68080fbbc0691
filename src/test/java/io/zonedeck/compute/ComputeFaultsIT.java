package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine under faults and load, on instant sim nodes with short job timeouts: a node that stops answering
 * mid-create, a lost answer, a portal that died mid-job, drift between node and database, parallel requests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0", "zonedeck.jobs.timeout-factor=0.01"})
@ActiveProfiles({"demo", "test"})
class ComputeFaultsIT extends RestTestBase {

    @Autowired
    NodeRegistry nodes;

    @Autowired
    JobRepository jobs;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    MachineStateSync sync;

    @Autowired
    NetworkService networks;

    @Autowired
    io.zonedeck.security.UserService users;

    @AfterEach
    void clearFaults() {
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults());
    }

    static String body(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\""
                + extra + "}";
    }

    JsonNode accepted(String user, String body) {
        HttpResponse<String> res = api.call(user, "POST", "/api/v1/machines", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return Api.json(res);
    }

    JsonNode machine(String id) {
        return Api.json(api.call("operator", "GET", "/api/v1/machines/" + id, null));
    }

    int machinesOnNodes() {
        return nodes.all().stream()
                .mapToInt(n -> nodes.client(n.id()).machines().size())
                .sum();
    }

    @Test
    void a_node_that_stops_answering_mid_create_leaves_the_machine_failed_and_gives_back_its_address() {
        nodes.all().forEach(n -> nodes.client(n.id()).injectFault(new SimFault("create", "hang", 2, null, 1)));
        JsonNode a = accepted(
                "alice", body("hung-1", ",\"networks\":[{\"network\":\"demo-public\",\"ip\":\"10.88.0.240\"}]"));
        String id = a.path("machine").path("id").asText();
        JsonNode job = Jobs.finished(api, "alice", a.path("job"));
        assertThat(job.path("state").asText()).isEqualTo("failed");
        assertThat(job.path("error").asText()).contains("timed out");
        JsonNode m = machine(id);
        assertThat(m.path("state").asText()).isEqualTo("failed");
        assertThat(m.path("ip").isNull() || m.path("ip").isMissingNode()).isTrue();
        assertThat(m.path("nics")).isEmpty();
        // the address is free again
        JsonNode b = accepted(
                "alice", body("takes-240", ",\"networks\":[{\"network\":\"demo-public\",\"ip\":\"10.88.0.240\"}]"));
        Jobs.succeeded(api, "alice", b.path("job"));
        // the node finishes the abandoned create once it answers again; one reconcile removes it
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults());
        UUID uuid = UUID.fromString(id);
        Eventually.until(
                Duration.ofSeconds(10),
                () -> {
                    nodes.all().forEach(n -> sync.reconcile(n.id()));
                    return nodes.all().stream()
                            .anyMatch(n -> nodes.client(n.id()).machine(uuid).isPresent());
                },
                present -> !present,
                "the abandoned machine to be removed from its node");
        assertThat(machine(id).path("state").asText()).isEqualTo("failed");
    }

    @Test
    void a_lost_answer_is_retried_and_never_makes_two_machines() {
        nodes.all().forEach(n -> nodes.client(n.id()).injectFault(new SimFault("create", "drop", null, null, 1)));
        int before = machinesOnNodes();
        JsonNode a = accepted("alice", body("dropped-1", ""));
        Jobs.succeeded(api, "alice", a.path("job"));
        assertThat(machine(a.path("machine").path("id").asText()).path("state").asText())
                .isEqualTo("running");
        assertThat(machinesOnNodes()).isEqualTo(before + 1);
    }

    @Test
    void a_failing_step_fails_the_job_with_the_reason_and_the_machine_keeps_running() {
        JsonNode a = accepted("alice", body("resize-fails", ""));
        Jobs.succeeded(api, "alice", a.path("job"));
        String id = a.path("machine").path("id").asText();
        nodes.all()
                .forEach(n -> nodes.client(n.id())
                        .injectFault(new SimFault("update", "fail", null, UUID.fromString(id), 10)));
        HttpResponse<String> res =
                api.call("alice", "POST", "/api/v1/machines/" + id + "/resize", "{\"package\":\"g1-small\"}");
        JsonNode job = Jobs.finished(api, "alice", Api.json(res));
        assertThat(job.path("state").asText()).isEqualTo("failed");
        assertThat(job.path("error").asText()).contains("injected");
        JsonNode m = machine(id);
        assertThat(m.path("packageName").asText())
                .as("the old package is restored")
                .isEqualTo("g1-nano");
        assertThat(m.path("state").asText()).isEqualTo("running");
    }

    @Test
    void a_job_left_running_by_a_dead_portal_is_revived_by_db_scheduler_and_finished() {
        JsonNode a = accepted("alice", body("resume-1", ""));
        Jobs.succeeded(api, "alice", a.path("job"));
        UUID id = UUID.fromString(a.path("machine").path("id").asText());
        JobEntity left = new JobEntity();
        left.id = UUID.randomUUID();
        left.machineId = id;
        left.machineName = "resume-1";
        left.tenantId = UUID.fromString(a.path("machine").path("tenantId").asText());
        left.action = "stop";
        left.state = "running";
        left.step = "stop requested";
        left.progress = 20;
        left.createdBy = "alice";
        left.createdAt = Instant.now().minusSeconds(3600); // accepted by a portal that has since died
        left.updatedAt = left.createdAt;
        jobs.saveAndFlush(left);
        // its execution, picked by that portal, whose heartbeat stopped an hour ago
        Instant hourAgo = Instant.now().minusSeconds(3600);
        jdbc.update(
                "insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,"
                        + " last_heartbeat, version) values ('machine-job', ?, ?, ?, true, 'dead-portal-1', ?, 1)",
                left.id.toString(),
                ("{\"jobId\":\"" + left.id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.sql.Timestamp.from(hourAgo),
                java.sql.Timestamp.from(hourAgo));
        JsonNode job = Eventually.until(
                Duration.ofSeconds(10),
                () -> Api.json(api.call("alice", "GET", "/api/v1/jobs/" + left.id, null)),
                j -> !j.path("state").asText().equals("running"),
                "the resumed job to finish");
        assertThat(job.path("state").asText()).isEqualTo("succeeded");
        assertThat(machine(id.toString()).path("state").asText()).isEqualTo("stopped");
    }

    @Test
    void drift_both_ways_the_node_wins_for_known_machines_and_unknown_ones_are_left_alone() {
        JsonNode a = accepted("alice", body("drift-1", ""));
        Jobs.succeeded(api, "alice", a.path("job"));
        UUID id = UUID.fromString(a.path("machine").path("id").asText());
        Node node = nodes.all().stream()
                .filter(n -> nodes.client(n.id()).machine(id).isPresent())
                .findFirst()
                .orElseThrow();
        // stopped behind the portal's back: the node's state wins
        nodes.client(node.id()).action(id, "stop");
        Eventually.until(
                Duration.ofSeconds(10),
                () -> {
                    sync.reconcile(node.id());
                    return machine(id.toString()).path("state").asText();
                },
                "stopped"::equals,
                "the stop to be seen");
        // deleted behind the portal's back: marked missing, not forgotten
        nodes.client(node.id()).delete(id);
        Eventually.until(
                Duration.ofSeconds(10),
                () -> {
                    sync.reconcile(node.id());
                    return machine(id.toString()).path("state").asText();
                },
                "missing"::equals,
                "the machine to be marked missing");
        // created behind the portal's back: reported as unmanaged, never deleted
        UUID stranger = UUID.randomUUID();
        nodes.client(node.id())
                .create(new CreatePayload(
                        stranger,
                        "joyent",
                        "stranger",
                        UUID.randomUUID(),
                        256L,
                        10L,
                        0,
                        100,
                        100,
                        1000,
                        null,
                        null,
                        Map.of(),
                        Map.of()));
        Eventually.until(
                Duration.ofSeconds(10),
                () -> nodes.client(node.id())
                        .machine(stranger)
                        .map(MachineInfo::state)
                        .orElse(null),
                s -> s != null && s.wire().equals("running"),
                "the stranger to run");
        sync.reconcile(node.id());
        assertThat(sync.unmanaged().get(node.id())).contains(stranger);
        assertThat(nodes.client(node.id()).machine(stranger)).isPresent();
        assertThat(api.call("operator", "GET", "/api/v1/machines/" + stranger, null)
                        .statusCode())
                .isEqualTo(404);
        nodes.client(node.id()).delete(stranger);
    }

    @Test
    void twenty_parallel_operations_on_one_machine_run_one_at_a_time() throws Exception {
        JsonNode a = accepted("alice", body("busy-1", ""));
        Jobs.succeeded(api, "alice", a.path("job"));
        String id = a.path("machine").path("id").asText();
        nodes.all()
                .forEach(n ->
                        nodes.client(n.id()).injectFault(new SimFault("any", "hang", null, UUID.fromString(id), 100)));
        List<Callable<Integer>> calls = new ArrayList<>();
        String[] ops = {"stop", "reboot", "resize", "rename"};
        for (int i = 0; i < 20; i++) {
            String op = ops[i % ops.length];
            String b = switch (op) {
                case "resize" -> "{\"package\":\"g1-small\"}";
                case "rename" -> "{\"name\":\"busy-" + i + "\"}";
                default -> null;
            };
            calls.add(() -> api.call("alice", "POST", "/api/v1/machines/" + id + "/" + op, b)
                    .statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes.stream().filter(c -> c == 202).count()).isEqualTo(1);
        assertThat(codes).allMatch(c -> c == 202 || c == 409);
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults()); // let the one job finish
        Eventually.until(
                Duration.ofSeconds(20),
                () -> Api.json(api.call("alice", "GET", "/api/v1/jobs?state=active&search=busy-", null))
                        .size(),
                n -> n == 0,
                "the one job to finish");
        assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines/" + id + "/jobs", null))
                        .size())
                .isEqualTo(2); // the create and the one accepted operation
    }

    @Test
    void two_hundred_parallel_creates_never_share_an_address_or_overfill_a_node() throws Exception {
        io.zonedeck.support.As.user(
                users,
                "operator",
                () -> networks.create(
                        "bulk", "external", 0, "10.200.0.0/22", "10.200.0.1", "10.200.0.10", "10.200.3.250"));
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String b = body("bulk-" + i, ",\"networks\":[{\"network\":\"bulk\"}]");
            calls.add(() -> api.call("alice", "POST", "/api/v1/machines", b));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<JsonNode> created = new ArrayList<>();
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            HttpResponse<String> res = f.get();
            assertThat(res.statusCode()).as(res.body()).isIn(202, 409);
            if (res.statusCode() == 202) {
                created.add(Api.json(res).path("machine"));
            }
        }
        pool.shutdown();
        assertThat(created).hasSizeGreaterThan(150);
        Set<String> ips = new HashSet<>();
        for (JsonNode m : created) {
            assertThat(ips.add(m.path("ip").asText()))
                    .as("address " + m.path("ip").asText() + " given twice")
                    .isTrue();
        }
        for (Node n : nodes.all()) {
            long ram = Api.json(api.call("operator", "GET", "/api/v1/machines?limit=1000", null))
                    .findValues("nodeId")
                    .stream()
                    .filter(v -> v.asText().equals(n.id().toString()))
                    .count();
            assertThat(ram).isGreaterThan(0); // spread: every node got some
        }
        Eventually.until(
                Duration.ofSeconds(60),
                () -> Api.json(api.call("alice", "GET", "/api/v1/jobs?state=active", null))
                        .size(),
                x -> x == 0,
                "the creates to finish");
        for (Node n : nodes.all()) {
            long used = nodes.client(n.id()).machines().stream()
                    .mapToLong(MachineInfo::maxPhysicalMemory)
                    .sum();
            assertThat(used).isLessThanOrEqualTo(n.ramMiB());
        }
    }
}
