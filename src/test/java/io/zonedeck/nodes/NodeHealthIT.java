package io.zonedeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Node health over REST: SMF services and FMA faults of a sim node, injected through the operator's service. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0"})
@ActiveProfiles({"demo", "test"})
class NodeHealthIT extends RestTestBase {
    @Autowired
    NodeService nodes;

    @Autowired
    NodeRegistry registry;

    @Autowired
    UserService users;

    UUID nodeId() {
        return registry.all().get(0).id();
    }

    @AfterEach
    void healthyAgain() {
        As.user(users, "operator", () -> nodes.clearHealth(nodeId()));
    }

    JsonNode health(String user, Object id) {
        HttpResponse<String> r = api.call(user, "GET", "/api/v1/nodes/" + id + "/health", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Api.json(r);
    }

    @Test
    void an_operator_sees_a_sim_nodes_services_and_an_injected_fma_fault() {
        UUID id = nodeId();
        JsonNode before = health("operator", id);
        assertThat(before.path("supported").asBoolean()).isTrue();
        assertThat(before.path("faults").size()).isZero();
        assertThat(before.path("services").size()).isGreaterThanOrEqualTo(15);
        assertThat(before.path("services").toString()).contains("svc:/system/zones:default");

        As.user(
                users,
                "operator",
                () -> nodes.injectHealth(
                        id,
                        SimHealthRequest.fault(
                                "ZFS-8000-FD", "Major", "zfs://pool=zones/vdev=c0t1d0", "too many I/O errors")));
        As.user(
                users,
                "operator",
                () -> nodes.injectHealth(
                        id, SimHealthRequest.service("svc:/system/zones:default", "maintenance", null)));

        JsonNode after = health("operator", id);
        assertThat(after.path("faultCount").asInt()).isEqualTo(1);
        assertThat(after.path("unhealthyServices").asInt()).isEqualTo(1);
        JsonNode fault = after.path("faults").get(0);
        assertThat(fault.path("code").asText()).isEqualTo("ZFS-8000-FD");
        assertThat(fault.path("severity").asText()).isEqualTo("Major");
        assertThat(fault.path("resource").asText()).isEqualTo("zfs://pool=zones/vdev=c0t1d0");
        assertThat(fault.path("uuid").asText()).hasSize(36);
        assertThat(after.path("services").toString()).contains("\"state\":\"maintenance\"");

        JsonNode listed = Api.json(api.call("operator", "GET", "/api/v1/nodes", null));
        JsonNode row = null;
        for (JsonNode n : listed) {
            if (n.path("id").asText().equals(id.toString())) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("faults").asInt()).isEqualTo(1);
        assertThat(row.path("unhealthyServices").asInt()).isEqualTo(1);

        As.user(users, "operator", () -> nodes.clearHealth(id));
        assertThat(health("operator", id).path("faults").size()).isZero();
    }

    @Test
    void the_poll_picks_up_a_fault_injected_behind_the_portals_back_within_seconds() {
        UUID id = nodeId();
        health("operator", id); // cached once
        registry.client(id).injectHealth(SimHealthRequest.fault("SUNOS-8000-J0", "Critical", "cpu:///cpuid=3", null));
        long start = System.nanoTime();
        Eventually.until(
                Duration.ofSeconds(8),
                () -> health("operator", id).path("faultCount").asInt(),
                n -> n == 1,
                "the injected fault on the health page");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void a_tenant_user_gets_for_a_real_node_exactly_what_he_gets_for_a_missing_one() {
        UUID id = nodeId();
        As.user(
                users,
                "operator",
                () -> nodes.injectHealth(id, SimHealthRequest.fault("ZFS-8000-FD", "Major", "zfs://pool=zones", null)));
        HttpResponse<String> real = api.call("bob", "GET", "/api/v1/nodes/" + id + "/health", null);
        HttpResponse<String> missing = api.call("bob", "GET", "/api/v1/nodes/" + UUID.randomUUID() + "/health", null);
        assertThat(real.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(real.statusCode());
        assertThat(real.body()).isEqualTo(missing.body()).doesNotContain("ZFS-8000-FD");

        HttpResponse<String> operatorMissing =
                api.call("operator", "GET", "/api/v1/nodes/" + UUID.randomUUID() + "/health", null);
        assertThat(operatorMissing.statusCode()).isEqualTo(404);
        assertThat(Api.json(operatorMissing).path("code").asText()).isEqualTo("NotFound");
        assertThat(api.call("operator", "GET", "/api/v1/nodes/not-a-uuid/health", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_bad_injection_is_refused_field_by_field() {
        UUID id = nodeId();
        assertThatThrownBy(() -> As.user(
                        users,
                        "operator",
                        () -> nodes.injectHealth(id, SimHealthRequest.fault("ZFS-8000-FD", "Catastrophic", "", null))))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors())
                            .extracting(ZoneDeckException.FieldProblem::field)
                            .containsExactly("fault.severity", "fault.resource");
                });
        assertThatThrownBy(() -> As.user(
                        users,
                        "operator",
                        () -> nodes.injectHealth(id, SimHealthRequest.service("svc:/nope:default", "online", null))))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.messageFor("service")).isPresent());
        assertThat(As.user(users, "operator", () -> nodes.health(id)).faults()).isEmpty();
    }
}
