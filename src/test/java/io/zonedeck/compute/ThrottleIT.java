package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Live throttles through {@code PATCH /api/v1/machines/{id}}: they reach the node and its metrics within seconds;
 * tenant admins stay within the package, tenant users may not, a foreign machine is a missing one, operators
 * override; a failed update puts the old values back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0"})
@ActiveProfiles({"demo", "test"})
class ThrottleIT extends RestTestBase {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    NodeRegistry nodes;

    @Autowired
    SeriesStore series;

    @AfterEach
    void clearFaults() {
        nodes.all().forEach(n -> nodes.client(n.id()).clearFaults());
    }

    /** A new running g1-small zone of alice's (cap 50, shares 100, zfs_io_priority 100, 1 GiB, 1000 lwps). */
    String aliceMachine() {
        String name = "thr-" + SEQ.incrementAndGet();
        HttpResponse<String> res = api.call(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-small\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        JsonNode accepted = Api.json(res);
        Jobs.succeeded(api, "alice", accepted.path("job"));
        return accepted.path("machine").path("id").asText();
    }

    HttpResponse<String> patch(String user, String id, String body) {
        return api.call(user, "PATCH", "/api/v1/machines/" + id, body);
    }

    JsonNode machine(String user, String id) {
        return Api.json(api.call(user, "GET", "/api/v1/machines/" + id, null));
    }

    Map<String, JsonNode> throttles(String user, String id) {
        Map<String, JsonNode> byName = new HashMap<>();
        machine(user, id)
                .path("throttles")
                .forEach(t -> byName.put(t.path("property").asText(), t));
        return byName;
    }

    MachineInfo onNode(String id) {
        UUID uuid = UUID.fromString(id);
        return nodes.all().stream()
                .map(n -> nodes.client(n.id()).machine(uuid))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow();
    }

    int jobCount(String id) {
        return Api.json(api.call("operator", "GET", "/api/v1/machines/" + id + "/jobs", null))
                .size();
    }

    static Map<String, String> fieldErrors(HttpResponse<String> res) {
        Map<String, String> out = new HashMap<>();
        Api.json(res)
                .path("errors")
                .forEach(
                        e -> out.put(e.path("field").asText(), e.path("message").asText()));
        return out;
    }

    @Test
    void a_tenant_admin_throttles_within_the_package_and_the_node_and_its_metrics_follow() {
        String id = aliceMachine();
        Map<String, JsonNode> before = throttles("alice", id);
        assertThat(before.get("cpu_cap").path("value").asLong()).isEqualTo(50);
        assertThat(before.get("cpu_cap").path("overridden").asBoolean()).isFalse();
        assertThat(before.get("cpu_cap").path("max").asLong()).isEqualTo(50); // the package's bound

        HttpResponse<String> res = patch(
                "alice",
                id,
                "{\"cpu_cap\":30,\"cpu_baseline\":10,\"cpu_burst_seconds\":20,\"disk_bps_max\":5000000,"
                        + "\"disk_iops_max\":400,\"max_lwps\":800,\"cpu_shares\":60,\"zfs_io_priority\":40,"
                        + "\"max_physical_memory\":768}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        JsonNode job = Jobs.succeeded(api, "alice", Api.json(res));
        assertThat(job.path("action").asText()).isEqualTo("throttle");
        long done = System.currentTimeMillis();

        MachineInfo node = onNode(id);
        assertThat(node.cpuCap()).isEqualTo(30);
        assertThat(node.cpuBaseline()).isEqualTo(10);
        assertThat(node.cpuBurstSeconds()).isEqualTo(20);
        assertThat(node.diskBpsMax()).isEqualTo(5_000_000L);
        assertThat(node.diskIopsMax()).isEqualTo(400L);
        assertThat(node.maxLwps()).isEqualTo(800);
        assertThat(node.cpuShares()).isEqualTo(60);
        assertThat(node.zfsIoPriority()).isEqualTo(40);
        assertThat(node.maxPhysicalMemory()).isEqualTo(768);

        UUID uuid = UUID.fromString(id);
        Eventually.until(
                Duration.ofSeconds(2),
                () -> series.throttlesSince(uuid, done - 1000),
                points -> points.stream().anyMatch(p -> p.cap() == 30 && p.baseline() == 10),
                "the new cap and baseline in the machine's metrics");
        Eventually.until(
                Duration.ofSeconds(3),
                () -> series.latest(uuid).orElseThrow(),
                p -> p.cap() == 30 && p.cpu() <= 30,
                "CPU held to the new cap");

        Map<String, JsonNode> after = throttles("alice", id);
        assertThat(after.get("cpu_cap").path("value").asLong()).isEqualTo(30);
        assertThat(after.get("cpu_cap").path("packageDefault").asLong()).isEqualTo(50);
        assertThat(after.get("cpu_cap").path("overridden").asBoolean()).isTrue();
        assertThat(after.get("disk_bps_max").path("overridden").asBoolean()).isTrue();
        assertThat(after.get("cpu_burst_seconds").path("packageDefault").asLong())
                .isZero();
        JsonNode m = machine("alice", id);
        assertThat(m.path("cpuCap").asInt()).isEqualTo(30);
        assertThat(m.path("ramMiB").asLong()).isEqualTo(768);
        assertThat(Api.json(api.call("alice", "GET", "/api/v1/machines/" + id + "/throttles", null))
                        .path("boundedByPackage")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void out_of_bounds_values_are_field_errors_naming_the_property_and_change_nothing() {
        String id = aliceMachine();
        int jobs = jobCount(id);
        HttpResponse<String> res = patch(
                "alice",
                id,
                "{\"cpu_cap\":80,\"cpu_shares\":500,\"zfs_io_priority\":101,\"max_physical_memory\":4096,"
                        + "\"max_lwps\":5000}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(422);
        Map<String, String> errors = fieldErrors(res);
        assertThat(errors)
                .containsOnlyKeys("cpu_cap", "cpu_shares", "zfs_io_priority", "max_physical_memory", "max_lwps");
        assertThat(errors.get("cpu_cap")).contains("50").contains("g1-small");

        // an uncapped machine would exceed a capped package too
        assertThat(fieldErrors(patch("alice", id, "{\"cpu_cap\":0}"))).containsOnlyKeys("cpu_cap");
        // a baseline above the cap, and ranges every caller is held to
        assertThat(fieldErrors(patch("alice", id, "{\"cpu_baseline\":60}"))).containsOnlyKeys("cpu_baseline");
        assertThat(fieldErrors(patch("alice", id, "{\"cpu_burst_seconds\":90000,\"disk_bps_max\":-1}")))
                .containsOnlyKeys("cpu_burst_seconds", "disk_bps_max");
        // unknown and non-numeric properties
        HttpResponse<String> odd = patch("alice", id, "{\"cpu_cap\":\"lots\",\"quota\":20,\"cpu_shares\":1.5}");
        assertThat(odd.statusCode()).isEqualTo(422);
        assertThat(fieldErrors(odd)).containsOnlyKeys("cpu_cap", "quota", "cpu_shares");
        assertThat(fieldErrors(odd).get("quota")).contains("Unknown throttle quota");
        assertThat(patch("alice", id, "{}").statusCode()).isEqualTo(422);
        assertThat(patch("alice", id, "[1]").statusCode()).isEqualTo(422);
        assertThat(patch("alice", id, "{not json").statusCode()).isEqualTo(400);

        assertThat(jobCount(id)).isEqualTo(jobs);
        assertThat(onNode(id).cpuCap()).isEqualTo(50);
        assertThat(throttles("alice", id).values())
                .allSatisfy(t -> assertThat(t.path("overridden").asBoolean()).isFalse());
    }

    @Test
    void a_tenant_user_may_not_change_throttles_and_a_foreign_machine_is_a_missing_one() {
        JsonNode shop = Api.json(api.call("bob", "GET", "/api/v1/machines?search=shop-01", null))
                .get(0);
        String bobs = shop.path("id").asText();
        int bobsCap = onNode(bobs).cpuCap();
        HttpResponse<String> forbidden = patch("bob", bobs, "{\"cpu_cap\":10}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Api.json(forbidden).path("code").asText()).isEqualTo("Forbidden");
        assertThat(Api.json(forbidden).path("message").asText()).contains("tenant admin");
        assertThat(onNode(bobs).cpuCap()).isEqualTo(bobsCap);
        // bob still sees his machine's throttles, read-only
        assertThat(Api.json(api.call("bob", "GET", "/api/v1/machines/" + bobs + "/throttles", null))
                        .path("mayChange")
                        .asBoolean())
                .isFalse();

        String alices = aliceMachine();
        HttpResponse<String> foreign = patch("bob", alices, "{\"cpu_cap\":10}");
        HttpResponse<String> missing = patch("bob", UUID.randomUUID().toString(), "{\"cpu_cap\":10}");
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(Api.json(foreign).path("code").asText())
                .isEqualTo(Api.json(missing).path("code").asText());
        assertThat(foreign.body()).doesNotContain("thr-");
        // a tenant admin of another tenant gets the same for bob's machine
        assertThat(patch("alice", bobs, "{\"cpu_cap\":10}").statusCode()).isEqualTo(404);
        assertThat(api.call("alice", "GET", "/api/v1/machines/" + bobs + "/throttles", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(onNode(alices).cpuCap()).isEqualTo(50);
        assertThat(onNode(bobs).cpuCap()).isEqualTo(bobsCap);
    }

    @Test
    void an_operator_overrides_beyond_the_package() {
        String id = aliceMachine();
        HttpResponse<String> res =
                patch("operator", id, "{\"cpu_cap\":150,\"cpu_shares\":400,\"max_physical_memory\":2048}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        Jobs.succeeded(api, "operator", Api.json(res));
        assertThat(onNode(id).cpuCap()).isEqualTo(150);
        assertThat(onNode(id).maxPhysicalMemory()).isEqualTo(2048);
        Map<String, JsonNode> t = throttles("alice", id);
        assertThat(t.get("cpu_cap").path("value").asLong()).isEqualTo(150);
        assertThat(t.get("cpu_cap").path("packageDefault").asLong()).isEqualTo(50);
        assertThat(t.get("cpu_cap").path("overridden").asBoolean()).isTrue();
        assertThat(t.get("max_physical_memory").path("overridden").asBoolean()).isTrue();
        // the override stands; the tenant admin may bring it back within the package
        HttpResponse<String> back =
                patch("alice", id, "{\"cpu_cap\":50,\"cpu_shares\":100,\"max_physical_memory\":1024}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(202);
        Jobs.succeeded(api, "alice", Api.json(back));
        assertThat(throttles("alice", id).values())
                .allSatisfy(x -> assertThat(x.path("overridden").asBoolean()).isFalse());
        // even an operator is held to vmadm's ranges
        assertThat(fieldErrors(patch("operator", id, "{\"cpu_cap\":7000,\"zfs_io_priority\":20000}")))
                .containsOnlyKeys("cpu_cap", "zfs_io_priority");
    }

    @Test
    void a_failed_update_on_the_node_puts_the_old_values_back() {
        String id = aliceMachine();
        UUID uuid = UUID.fromString(id);
        nodes.all().forEach(n -> nodes.client(n.id()).injectFault(new SimFault("update", "fail", null, uuid, 10)));
        HttpResponse<String> res = patch("alice", id, "{\"cpu_cap\":20,\"disk_iops_max\":100}");
        assertThat(res.statusCode()).isEqualTo(202);
        JsonNode job = Jobs.finished(api, "alice", Api.json(res));
        assertThat(job.path("state").asText()).isEqualTo("failed");
        Map<String, JsonNode> t = throttles("alice", id);
        assertThat(t.get("cpu_cap").path("value").asLong()).isEqualTo(50);
        assertThat(t.get("disk_iops_max").path("value").asLong()).isZero();
        assertThat(onNode(id).cpuCap()).isEqualTo(50);
        assertThat(machine("alice", id).path("state").asText()).isEqualTo("running");
    }
}
