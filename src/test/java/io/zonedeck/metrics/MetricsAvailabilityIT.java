package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.Agent;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachineService;
import io.zonedeck.nodes.LinuxLikeNode;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code GET /api/v1/machines/{id}/metrics} for a machine on a node that does not measure everything (a linux-like
 * node, registered in this class's own context): unmeasured series are {@code "available": false} with no points.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zonedeck.demo.provision-seconds=0",
            "zonedeck.test.context=metrics-availability",
            "zonedeck.test.database=h2" // one of the H2 smoke set
        })
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class MetricsAvailabilityIT extends RestTestBase {
    static Agent linux;

    @Autowired
    NodeService nodes;

    @Autowired
    CatalogService catalog;

    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    @AfterAll
    static void stopTheLinuxNode() {
        if (linux != null) {
            linux.close();
        }
    }

    @Autowired
    io.zonedeck.failover.FailoverService failover;

    @Test
    void a_series_the_machines_node_does_not_measure_is_unavailable_with_no_points_not_zeros() {
        // a context of its own: let the demo finish seeding first (a quieter start)
        Eventually.until(
                Duration.ofSeconds(60),
                () -> As.user(users, "operator", () -> failover.list()),
                pairs -> !pairs.isEmpty(),
                "the demo's failover pair");
        String image = As.user(
                users,
                "operator",
                () -> catalog.findImage("base-64-lts").orElseThrow().id().toString());
        linux = LinuxLikeNode.start("linux-rest", "linux-rest-credential", List.of(image));
        As.user(
                users,
                "operator",
                () -> nodes.register("linux-rest", "http://127.0.0.1:" + linux.port(), "linux-rest-credential"));
        UUID id = As.user(
                users,
                "alice",
                () -> machines.create(new CreateMachineRequest("avail-1", "joyent", "base-64-lts", "g1-nano"))
                        .machine()
                        .id());
        String path = "/api/v1/machines/" + id + "/metrics?names=cpu,io_delay,swap,runq_latency";
        JsonNode body = Eventually.until(
                Duration.ofSeconds(30),
                () -> {
                    HttpResponse<String> r = api.call("alice", "GET", path, null);
                    return r.statusCode() == 200 ? Api.json(r) : null;
                },
                b -> b != null && b.path("metrics").path("cpu").path("points").size() >= 2,
                "two seconds of the machine's CPU");

        JsonNode cpu = body.path("metrics").path("cpu");
        assertThat(cpu.path("available").asBoolean()).isTrue();
        JsonNode delay = body.path("metrics").path("io_delay");
        assertThat(delay.path("available").asBoolean()).as(delay.toString()).isFalse();
        assertThat(delay.path("points").size()).isZero();
        assertThat(delay.path("reason").asText()).isEqualTo("Not measured on this machine's node (linux driver)");
        assertThat(body.path("metrics").path("swap").path("available").asBoolean())
                .isFalse();
        JsonNode runq = body.path("distributions").path("runq_latency");
        assertThat(runq.path("available").asBoolean()).isFalse();
        assertThat(runq.path("columns").size()).isZero();

        JsonNode asOperator = Api.json(api.call("operator", "GET", path, null));
        assertThat(asOperator.path("metrics").path("io_delay").path("reason").asText())
                .isEqualTo("Not measured on node linux-rest (linux driver)");

        JsonNode analytics =
                Api.json(api.call("operator", "GET", "/api/v1/analytics?metric=io_delay&decomposition=machine", null));
        assertThat(analytics.path("leftOut").asInt()).isEqualTo(1);
        assertThat(analytics.path("leftOutNote").asText())
                .isEqualTo("1 machine is left out: io_delay is not measured on node linux-rest (linux driver)");
        assertThat(analytics.path("series").toString()).doesNotContain("avail-1");
    }
}
