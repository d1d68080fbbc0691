package io.zonedeck;

import static io.zonedeck.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The operator's catalog and networks over real HTTP, and what tenants see of them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CatalogIT {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private List<String> names(String user, String path) {
        HttpResponse<String> res = api.call(user, "GET", path, null);
        assertThat(res.statusCode()).isEqualTo(200);
        return json(res).findValuesAsText("name");
    }

    private JsonNode byName(String user, String path, String name) {
        for (JsonNode n : json(api.call(user, "GET", path, null))) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + path);
    }

    private static List<String> fields(HttpResponse<String> res) {
        return json(res).get("errors").findValuesAsText("field");
    }

    @Test
    void a_retired_package_disappears_for_tenants_and_stays_for_operators() {
        HttpResponse<String> created = api.call(
                "operator",
                "POST",
                "/api/v1/packages",
                "{\"name\":\"it-small\",\"ramMiB\":768,\"diskGiB\":20,\"vcpus\":1,\"cpuCap\":50,\"billingTag\":\"it\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode pkg = json(created);
        assertThat(pkg.get("maxSwapMiB").asLong()).isEqualTo(1536);
        assertThat(pkg.get("cpuShares").asInt()).isEqualTo(100);
        String id = pkg.get("id").asText();
        assertThat(names("bob", "/api/v1/packages")).contains("it-small");

        HttpResponse<String> retired = api.call("operator", "POST", "/api/v1/packages/" + id + "/retire", null);
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(json(retired).get("active").asBoolean()).isFalse();
        assertThat(names("bob", "/api/v1/packages")).doesNotContain("it-small").contains("g1-nano");
        assertThat(byName("operator", "/api/v1/packages", "it-small")
                        .get("active")
                        .asBoolean())
                .isFalse();

        HttpResponse<String> machine = api.call(
                "bob",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"on-retired\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"it-small\"}");
        assertThat(machine.statusCode()).isEqualTo(422);
        assertThat(fields(machine)).contains("package");

        assertThat(api.call("operator", "POST", "/api/v1/packages/" + id + "/reactivate", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(names("bob", "/api/v1/packages")).contains("it-small");
        assertThat(api.call("operator", "DELETE", "/api/v1/packages/" + id, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.call("operator", "GET", "/api/v1/packages/" + id, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void package_rules_come_back_as_field_errors() {
        HttpResponse<String> bad = api.call(
                "operator",
                "POST",
                "/api/v1/packages",
                "{\"name\":\"g1-nano\",\"ramMiB\":1024,\"diskGiB\":0,\"vcpus\":65,\"maxSwapMiB\":512}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(fields(bad)).containsExactlyInAnyOrder("diskGiB", "vcpus", "maxSwapMiB", "name");
        HttpResponse<String> duplicate = api.call(
                "operator", "POST", "/api/v1/packages", "{\"name\":\"g1-nano\",\"ramMiB\":1024,\"diskGiB\":10}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).get("code").asText()).isEqualTo("Duplicate");
        // no body at all is malformed (400, decision 011); an empty object is a package without its fields (422)
        HttpResponse<String> empty = api.call("operator", "POST", "/api/v1/packages", null);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(json(empty).get("errors").findValuesAsText("code")).contains("MissingParameter");
        HttpResponse<String> nothing = api.call("operator", "POST", "/api/v1/packages", "{}");
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(json(nothing).get("errors").findValuesAsText("code")).contains("MissingParameter");
    }

    @Test
    void tenants_may_not_change_the_catalog_or_networks() {
        int packages = names("operator", "/api/v1/packages").size();
        int networks = names("operator", "/api/v1/networks").size();
        String[][] writes = {
            {"POST", "/api/v1/packages", "{\"name\":\"t-pkg\",\"ramMiB\":512,\"diskGiB\":10}"},
            {
                "POST",
                "/api/v1/images",
                "{\"name\":\"t-img\",\"version\":\"1\",\"os\":\"linux\",\"brands\":[\"lx\"]," + "\"sizeMiB\":10}"
            },
            {
                "POST",
                "/api/v1/networks",
                "{\"name\":\"t-net\",\"nicTag\":\"internal\",\"subnet\":\"10.60.0.0/24\","
                        + "\"gateway\":\"10.60.0.1\",\"rangeStart\":\"10.60.0.10\",\"rangeEnd\":\"10.60.0.20\"}"
            },
        };
        for (String user : List.of("alice", "bob")) {
            for (String[] w : writes) {
                HttpResponse<String> res = api.call(user, w[0], w[1], w[2]);
                assertThat(res.statusCode()).as(user + " " + w[1]).isEqualTo(403);
                assertThat(json(res).get("code").asText()).isEqualTo("Forbidden");
            }
        }
        String nano = byName("bob", "/api/v1/packages", "g1-nano").get("id").asText();
        assertThat(api.call("bob", "POST", "/api/v1/packages/" + nano + "/retire", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.call("bob", "DELETE", "/api/v1/packages/" + nano, null).statusCode())
                .isEqualTo(403);
        assertThat(names("operator", "/api/v1/packages")).hasSize(packages);
        assertThat(names("operator", "/api/v1/networks")).hasSize(networks);
        assertThat(names("bob", "/api/v1/packages")).contains("g1-nano");
    }

    @Test
    void tenants_see_public_and_own_networks_and_a_foreign_one_is_not_found() {
        assertThat(names("bob", "/api/v1/networks")).containsExactlyInAnyOrder("demo-public", "edge-public");
        assertThat(names("alice", "/api/v1/networks"))
                .containsExactlyInAnyOrder("demo-public", "edge-public", "acme-private");
        assertThat(names("operator", "/api/v1/networks")).contains("demo-public", "edge-public", "acme-private");

        JsonNode acmePrivate = byName("operator", "/api/v1/networks", "acme-private");
        assertThat(acmePrivate.get("owner").asText()).isEqualTo("acme");
        assertThat(acmePrivate.get("vlanId").asInt()).isEqualTo(100);
        assertThat(acmePrivate.at("/usage/total").asLong()).isEqualTo(241);
        JsonNode demoPublic = byName("operator", "/api/v1/networks", "demo-public");
        assertThat(demoPublic.at("/usage/used").asLong()).isPositive();
        assertThat(byName("bob", "/api/v1/networks", "demo-public").has("usage"))
                .isFalse();

        String id = acmePrivate.get("id").asText();
        HttpResponse<String> foreign = api.call("bob", "GET", "/api/v1/networks/" + id, null);
        HttpResponse<String> missing = api.call("bob", "GET", "/api/v1/networks/" + UUID.randomUUID(), null);
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(json(foreign).get("code").asText())
                .isEqualTo("NotFound")
                .isEqualTo(json(missing).get("code").asText());
        assertThat(api.call("alice", "GET", "/api/v1/networks/" + id, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void an_invalid_network_gets_field_errors_and_nothing_is_written() {
        List<String> before = names("operator", "/api/v1/networks");
        HttpResponse<String> res = api.call(
                "operator",
                "POST",
                "/api/v1/networks",
                "{\"name\":\"it-bad\",\"nicTag\":\"Bad-Tag\",\"vlanId\":5000,\"subnet\":\"10.61.0.0/24\","
                        + "\"gateway\":\"10.61.0.15\",\"rangeStart\":\"10.61.0.10\",\"rangeEnd\":\"10.61.0.20\","
                        + "\"resolvers\":[\"8.8.8.8\",\"nope\"],\"mtu\":100,\"ownerTenant\":\"initech\"}");
        assertThat(res.statusCode()).isEqualTo(422);
        assertThat(json(res).get("code").asText()).isEqualTo("Invalid");
        assertThat(fields(res))
                .containsExactlyInAnyOrder("nicTag", "vlanId", "gateway", "resolvers", "mtu", "ownerTenant");
        assertThat(names("operator", "/api/v1/networks")).isEqualTo(before);

        HttpResponse<String> ok = api.call(
                "operator",
                "POST",
                "/api/v1/networks",
                "{\"name\":\"it-good\",\"nicTag\":\"internal\",\"vlanId\":61,\"subnet\":\"10.61.0.0/24\","
                        + "\"gateway\":\"10.61.0.1\",\"rangeStart\":\"10.61.0.10\",\"rangeEnd\":\"10.61.0.20\","
                        + "\"ownerTenant\":\"globex\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).at("/usage/total").asLong()).isEqualTo(11);
        assertThat(names("bob", "/api/v1/networks")).contains("it-good");
        assertThat(names("alice", "/api/v1/networks")).doesNotContain("it-good");
        String id = json(ok).get("id").asText();
        HttpResponse<String> moved =
                api.call("operator", "PUT", "/api/v1/networks/" + id, "{\"rangeEnd\":\"10.61.0.30\",\"mtu\":9000}");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(moved).at("/usage/total").asLong()).isEqualTo(21);
        assertThat(api.call("operator", "DELETE", "/api/v1/networks/" + id, null)
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void a_network_with_allocated_addresses_keeps_its_range_and_cannot_be_deleted() {
        String id =
                byName("operator", "/api/v1/networks", "demo-public").get("id").asText();
        HttpResponse<String> delete = api.call("operator", "DELETE", "/api/v1/networks/" + id, null);
        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(json(delete).get("code").asText()).isEqualTo("InUse");
        assertThat(json(delete).get("message").asText()).contains("allocated address");
        HttpResponse<String> resize =
                api.call("operator", "PUT", "/api/v1/networks/" + id, "{\"rangeEnd\":\"10.88.0.200\"}");
        assertThat(resize.statusCode()).isEqualTo(409);
        assertThat(byName("operator", "/api/v1/networks", "demo-public")
                        .get("rangeEnd")
                        .asText())
                .isEqualTo("10.88.0.250");
    }

    @Test
    void images_are_disabled_for_tenants_and_listed_for_operators() {
        HttpResponse<String> created = api.call(
                "operator",
                "POST",
                "/api/v1/images",
                "{\"name\":\"it-img\",\"version\":\"1.0\",\"os\":\"linux\",\"brands\":[\"kvm\",\"bhyve\"],"
                        + "\"sizeMiB\":900}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(names("bob", "/api/v1/images")).contains("it-img");
        assertThat(api.call("operator", "POST", "/api/v1/images/" + id + "/disable", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(names("bob", "/api/v1/images")).doesNotContain("it-img");
        assertThat(byName("operator", "/api/v1/images", "it-img").get("state").asText())
                .isEqualTo("disabled");
        HttpResponse<String> duplicate = api.call(
                "operator",
                "POST",
                "/api/v1/images",
                "{\"name\":\"it-img\",\"version\":\"1.0\",\"os\":\"linux\",\"brands\":[\"lx\"],\"sizeMiB\":1}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        HttpResponse<String> badBrand = api.call(
                "operator",
                "POST",
                "/api/v1/images",
                "{\"name\":\"it-img2\",\"version\":\"1\",\"os\":\"linux\",\"brands\":[\"zone\"],\"sizeMiB\":0}");
        assertThat(badBrand.statusCode()).isEqualTo(422);
        assertThat(fields(badBrand)).containsExactlyInAnyOrder("brands", "sizeMiB");
    }

    @Test
    void malformed_or_mistyped_bodies_are_400_never_500() {
        List<String> before = names("operator", "/api/v1/networks");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String path : List.of("/api/v1/packages", "/api/v1/images", "/api/v1/networks")) {
            answers.add(api.call("operator", "POST", path, "{not json"));
            answers.add(api.call("operator", "POST", path, "[1,2]"));
            answers.add(api.call("operator", "POST", path, "\"text\""));
        }
        answers.forEach(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(400));

        HttpResponse<String> wrongType =
                api.call("operator", "POST", "/api/v1/networks", "{\"name\":\"x\",\"vlanId\":\"abc\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(fields(wrongType)).containsExactly("vlanId");
        HttpResponse<String> huge = api.call(
                "operator", "POST", "/api/v1/packages", "{\"name\":\"x\",\"ramMiB\":123456789012345678901234567890}");
        assertThat(huge.statusCode()).isEqualTo(400);
        HttpResponse<String> tooBigForInt =
                api.call("operator", "POST", "/api/v1/packages", "{\"name\":\"x\",\"vcpus\":99999999999}");
        assertThat(tooBigForInt.statusCode()).isEqualTo(400);
        HttpResponse<String> notAList =
                api.call("operator", "POST", "/api/v1/images", "{\"name\":\"x\",\"brands\":{\"a\":1}}");
        assertThat(notAList.statusCode()).isEqualTo(400);
        assertThat(api.call("operator", "GET", "/api/v1/networks/not-a-uuid", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.call("operator", "PUT", "/api/v1/packages/" + UUID.randomUUID(), "{}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(names("operator", "/api/v1/networks")).isEqualTo(before);
    }
}
