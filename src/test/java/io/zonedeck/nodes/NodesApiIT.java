package io.zonedeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@code GET /api/v1/nodes} and {@code /api/v1/nodes/{id}}: each node's driver and what it can do (v1.3). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0"})
@ActiveProfiles({"demo", "test"})
class NodesApiIT extends RestTestBase {

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertSimCapabilities(JsonNode node) {
        assertThat(node.path("driver").asText()).isEqualTo("sim");
        JsonNode caps = node.path("capabilities");
        assertThat(caps.isObject()).as(node.toString()).isTrue();
        assertThat(texts(caps.path("brands"))).containsExactlyInAnyOrderElementsOf(SimDriver.BRANDS);
        assertThat(texts(caps.path("throttles")))
                .containsExactlyElementsOf(new TreeSet<>(NodeCapabilities.ALL_THROTTLES));
        assertThat(texts(caps.path("metrics"))).containsExactlyElementsOf(new TreeSet<>(NodeCapabilities.ALL_METRICS));
        assertThat(texts(caps.path("distributions")))
                .containsExactlyElementsOf(new TreeSet<>(NodeCapabilities.ALL_DISTRIBUTIONS));
        assertThat(caps.path("vrrp").asBoolean()).isTrue();
        assertThat(caps.path("snapshots").asBoolean()).isTrue();
        assertThat(caps.path("images").isNull())
                .as("any image of the catalogue")
                .isTrue();
    }

    @Test
    void every_demo_node_shows_the_sim_driver_and_its_full_capabilities() {
        HttpResponse<String> r = api.call("operator", "GET", "/api/v1/nodes", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode nodes = Api.json(r);
        assertThat(nodes.size()).isGreaterThanOrEqualTo(2);
        nodes.forEach(NodesApiIT::assertSimCapabilities);
    }

    @Test
    void one_node_answers_with_the_same_driver_and_capabilities_as_the_list() {
        JsonNode first =
                Api.json(api.call("operator", "GET", "/api/v1/nodes", null)).get(0);
        HttpResponse<String> r =
                api.call("operator", "GET", "/api/v1/nodes/" + first.path("id").asText(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode one = Api.json(r);
        assertThat(one.path("name").asText()).isEqualTo(first.path("name").asText());
        assertSimCapabilities(one);
        assertThat(one.path("capabilities")).isEqualTo(first.path("capabilities"));
    }

    @Test
    void a_tenant_user_gets_for_a_real_node_exactly_what_he_gets_for_a_missing_one() {
        String id = Api.json(api.call("operator", "GET", "/api/v1/nodes", null))
                .get(0)
                .path("id")
                .asText();
        HttpResponse<String> real = api.call("bob", "GET", "/api/v1/nodes/" + id, null);
        HttpResponse<String> missing = api.call("bob", "GET", "/api/v1/nodes/" + UUID.randomUUID(), null);
        assertThat(real.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(real.statusCode());
        assertThat(real.body()).isEqualTo(missing.body()).doesNotContain("capabilities");
        assertThat(api.call("operator", "GET", "/api/v1/nodes/" + UUID.randomUUID(), null)
                        .statusCode())
                .isEqualTo(404);
    }
}
