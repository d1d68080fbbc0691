package io.zonedeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tenant isolation, route by route. Tenant A (bob of globex) calls every REST route that takes an id with tenant B's
 * (alice of acme) ids and with ids that do not exist: both answers must be the same, byte for byte once the id
 * itself is masked, and no answer may carry B's data. Routes are read from Spring MVC, so a new route that is not
 * in {@link #ROUTES} fails the test until someone says how it is isolated. Lists without an id are read as A and
 * must not contain B's markers either; after all the foreign writes, B's things are unchanged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.demo.provision-seconds=0"})
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixIT extends RestTestBase {
    /** Tenant A's users: a tenant user and a tenant admin of globex (the admin reaches the admin routes). */
    static final List<String> A_USERS = List.of("bob", "gx-admin");

    static final String A_ADMIN = "gx-admin";
    static final String B = "alice";

    /** How a route with ids is isolated: tenant-owned (foreign = missing), operator-only, or shared catalog. */
    enum Kind {
        OWNED,
        OPERATOR_ONLY,
        SHARED
    }

    record Route(Kind kind, String body) {}

    /** Every REST route that takes an id, with a body valid enough that only the id can make it fail. */
    static final Map<String, Route> ROUTES = new LinkedHashMap<>();

    static {
        owned("GET /api/v1/machines/{id}", null);
        owned("GET /api/v1/machines/{id}/tags", null);
        owned("PUT /api/v1/machines/{id}/tags", "{\"role\":\"x\"}");
        owned("GET /api/v1/machines/{id}/metadata", null);
        owned("PUT /api/v1/machines/{id}/metadata", "{\"k\":\"v\"}");
        owned("GET /api/v1/machines/{id}/nics", null);
        owned("POST /api/v1/machines/{id}/nics", "{\"network\":\"demo-public\"}");
        owned("DELETE /api/v1/machines/{id}/nics/{mac}", null);
        owned("GET /api/v1/machines/{id}/snapshots", null);
        owned("POST /api/v1/machines/{id}/snapshots", "{\"name\":\"stolen\"}");
        owned("POST /api/v1/machines/{id}/snapshots/{name}/rollback", null);
        owned("DELETE /api/v1/machines/{id}/snapshots/{name}", null);
        owned("GET /api/v1/machines/{id}/jobs", null);
        owned("POST /api/v1/machines/{id}/start", null);
        owned("POST /api/v1/machines/{id}/stop", null);
        owned("POST /api/v1/machines/{id}/reboot", null);
        owned("POST /api/v1/machines/{id}/resize", "{\"package\":\"g1-medium\"}");
        owned("POST /api/v1/machines/{id}/rename", "{\"name\":\"stolen-1\"}");
        owned("DELETE /api/v1/machines/{id}", null);
        owned("POST /api/v1/machines/{id}/console", "{\"kind\":\"shell\"}");
        owned("GET /api/v1/jobs/{id}", null);
        owned("GET /api/v1/failover-pairs/{id}", null);
        owned("GET /api/v1/failover-pairs/{id}/history", null);
        owned("POST /api/v1/failover-pairs/{id}/switchover", null);
        owned("DELETE /api/v1/failover-pairs/{id}", null);
        owned("GET /api/v1/networks/{id}", null);
        operatorOnly("PUT /api/v1/networks/{id}", "{\"mtu\":1400}");
        operatorOnly("DELETE /api/v1/networks/{id}", null);
        shared("GET /api/v1/packages/{id}");
        operatorOnly("PUT /api/v1/packages/{id}", "{\"billingTag\":\"x\"}");
        operatorOnly("DELETE /api/v1/packages/{id}", null);
        operatorOnly("POST /api/v1/packages/{id}/retire", null);
        operatorOnly("POST /api/v1/packages/{id}/reactivate", null);
        shared("GET /api/v1/images/{id}");
        operatorOnly("PUT /api/v1/images/{id}", "{\"version\":\"2\"}"); // no "state": an unknown property is 400
        operatorOnly("DELETE /api/v1/images/{id}", null);
        operatorOnly("POST /api/v1/images/{id}/disable", null);
        operatorOnly("POST /api/v1/images/{id}/enable", null);
        owned("GET /api/v1/machines/{id}/throttles", null);
        owned("PATCH /api/v1/machines/{id}", "{\"cpu_shares\":100}");
        owned("GET /api/v1/tenants/{id}", null);
        operatorOnly("POST /api/v1/tenants/{id}/disable", null);
        operatorOnly("POST /api/v1/tenants/{id}/enable", null);
        owned("GET /api/v1/tenants/{id}/quota", null);
        operatorOnly("PUT /api/v1/tenants/{id}/quota", "{\"machines\":1}");
        owned("GET /api/v1/users/{id}", null);
        owned("POST /api/v1/users/{id}/disable", null);
        owned("POST /api/v1/users/{id}/enable", null);
        owned("PUT /api/v1/users/{id}/role", "{\"role\":\"TENANT_USER\"}");
        owned("DELETE /api/v1/account/keys/{id}", null);
        // another user's token id is NotFound like a missing one (SignInSecurityIT revokes a real foreign token)
        owned("DELETE /api/v1/account/tokens/{id}", null);
        owned("GET /api/v1/tenants/{id}/two-factor", null);
        operatorOnly("PUT /api/v1/tenants/{id}/two-factor", "{\"required\":false}");
        owned("GET /api/v1/quota-requests/{id}", null);
        owned("GET /api/v1/machines/{id}/metrics", null);
        operatorOnly("POST /api/v1/quota-requests/{id}/approve", "{\"note\":\"x\"}");
        operatorOnly("POST /api/v1/quota-requests/{id}/reject", "{\"note\":\"x\"}");
        operatorOnly("GET /api/v1/nodes/{id}/health", null);
        operatorOnly("GET /api/v1/nodes/{id}", null);
    }

    static void owned(String route, String body) {
        ROUTES.put(route, new Route(Kind.OWNED, body));
    }

    static void operatorOnly(String route, String body) {
        ROUTES.put(route, new Route(Kind.OPERATOR_ONLY, body));
    }

    static void shared(String route) {
        ROUTES.put(route, new Route(Kind.SHARED, null));
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** B's ids by route prefix and variable; the missing ones are the same shape but exist nowhere. */
    final Map<String, String> foreign = new LinkedHashMap<>();

    final Map<String, String> missing = new LinkedHashMap<>();

    /** Strings that identify B's data: none may appear in an answer to A. */
    final Set<String> markers = new TreeSet<>();

    JsonNode machineB1;

    @Autowired
    UserService users;

    @Autowired
    io.zonedeck.tenancy.TenantService tenants;

    @BeforeAll
    void tenantBHasThings() {
        useThisContext();
        if (!users.exists(A_ADMIN)) { // ServiceIsolationIT shares the context and makes the same admin
            users.create(
                    A_ADMIN,
                    A_ADMIN + "-demo",
                    Roles.TENANT_ADMIN,
                    tenants.findByName("globex").orElseThrow().id());
        }
        JsonNode m1 = created("iso-b-1");
        JsonNode m2 = created("iso-b-2");
        String id1 = m1.path("machine").path("id").asText();
        Jobs.succeeded(api, B, m1.path("job"));
        Jobs.succeeded(api, B, m2.path("job"));
        Jobs.succeeded(
                api,
                B,
                Api.json(api.call(B, "POST", "/api/v1/machines/" + id1 + "/snapshots", "{\"name\":\"b-snap\"}")));
        HttpResponse<String> pair = api.call(
                B,
                "POST",
                "/api/v1/failover-pairs",
                "{\"name\":\"iso-pair\",\"machineA\":\"iso-b-1\",\"machineB\":\"iso-b-2\"}");
        assertThat(pair.statusCode()).as(pair.body()).isEqualTo(201);
        HttpResponse<String> net = api.call(
                "operator",
                "POST",
                "/api/v1/networks",
                "{\"name\":\"iso-acme-net\",\"nicTag\":\"internal\",\"subnet\":\"10.177.0.0/24\",\"gateway\":\"10.177.0.1\","
                        + "\"rangeStart\":\"10.177.0.10\",\"rangeEnd\":\"10.177.0.200\",\"ownerTenant\":\"acme\"}");
        assertThat(net.statusCode()).as(net.body()).isEqualTo(201);
        machineB1 = machine(id1);
        String job = Api.json(api.call(B, "GET", "/api/v1/machines/" + id1 + "/jobs", null))
                .get(0)
                .path("id")
                .asText();
        String pkg = Api.json(api.call(B, "GET", "/api/v1/packages", null))
                .get(0)
                .path("id")
                .asText();
        String image = Api.json(api.call(B, "GET", "/api/v1/images", null))
                .get(0)
                .path("id")
                .asText();

        put("/api/v1/machines/{id}", id1, UUID.randomUUID().toString());
        put("/api/v1/machines/{mac}", machineB1.path("nics").get(0).path("mac").asText(), "90:b8:d0:00:00:01");
        put("/api/v1/machines/{name}", "b-snap", "b-snap");
        put("/api/v1/jobs/{id}", job, UUID.randomUUID().toString());
        put(
                "/api/v1/failover-pairs/{id}",
                Api.json(pair).path("id").asText(),
                UUID.randomUUID().toString());
        put(
                "/api/v1/networks/{id}",
                Api.json(net).path("id").asText(),
                UUID.randomUUID().toString());
        put("/api/v1/packages/{id}", pkg, UUID.randomUUID().toString());
        put(
                "/api/v1/tenants/{id}",
                tenants.findByName("acme").orElseThrow().id().toString(),
                UUID.randomUUID().toString());
        put(
                "/api/v1/users/{id}",
                ((ZoneDeckUser) users.loadUserByUsername(B)).caller().userId().toString(),
                UUID.randomUUID().toString());
        JsonNode keys = Api.json(api.call(B, "GET", "/api/v1/account/keys", null));
        assertThat(keys.size()).as("alice's seeded SSH key").isPositive();
        put(
                "/api/v1/account/{id}",
                keys.get(0).path("id").asText(),
                UUID.randomUUID().toString());
        if (Api.json(api.call(B, "GET", "/api/v1/quota-requests", null)).isEmpty()) { // the test profile seeds none
            assertThat(api.call("operator", "PUT", "/api/v1/tenants/acme/quota", "{\"machines\":1000}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> asked = api.call(
                    B,
                    "POST",
                    "/api/v1/quota-requests",
                    "{\"limit\":\"machines\",\"value\":2000,\"reason\":\"isolation test\"}");
            assertThat(asked.statusCode()).as(asked.body()).isIn(200, 201);
        }
        JsonNode requests = Api.json(api.call(B, "GET", "/api/v1/quota-requests", null));
        assertThat(requests.size()).as("alice's seeded quota request").isPositive();
        put(
                "/api/v1/quota-requests/{id}",
                requests.get(0).path("id").asText(),
                UUID.randomUUID().toString());
        put("/api/v1/images/{id}", image, UUID.randomUUID().toString());
        put(
                "/api/v1/nodes/{id}",
                Api.json(api.call("operator", "GET", "/api/v1/nodes", null))
                        .get(0)
                        .path("id")
                        .asText(),
                UUID.randomUUID().toString());

        markers.addAll(List.of(
                "iso-b-1",
                "iso-b-2",
                "iso-pair",
                "iso-acme-net",
                "b-snap",
                id1,
                machineB1.path("ip").asText(),
                machineB1.path("nics").get(0).path("mac").asText()));
    }

    JsonNode created(String name) {
        HttpResponse<String> res = api.call(
                B,
                "POST",
                "/api/v1/machines",
                "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return Api.json(res);
    }

    JsonNode machine(String id) {
        return Api.json(api.call(B, "GET", "/api/v1/machines/" + id, null));
    }

    void put(String prefixAndVariable, String foreignValue, String missingValue) {
        foreign.put(prefixAndVariable, foreignValue);
        missing.put(prefixAndVariable, missingValue);
    }

    /** "METHOD /pattern" of every MVC route under /api/. */
    Set<String> discoveredRoutes() {
        Set<String> out = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(m -> out.add(m.name() + " " + pattern));
            }
        }
        return out;
    }

    @Test
    void every_route_with_an_id_is_in_the_matrix_and_every_matrix_route_exists() {
        Set<String> withIds = new TreeSet<>();
        for (String r : discoveredRoutes()) {
            if (r.contains("{")) {
                withIds.add(r);
            }
        }
        assertThat(ROUTES.keySet())
                .as("routes that take an id must be classified in IsolationMatrixIT.ROUTES")
                .containsExactlyInAnyOrderElementsOf(withIds);
    }

    @Test
    void a_foreign_id_gets_exactly_what_a_missing_id_gets_and_nothing_of_tenant_b() {
        List<String> failures = new ArrayList<>();
        for (String a : A_USERS) {
            failures.addAll(foreignIdsAs(a));
        }
        assertThat(failures).isEmpty();
        assertBUnchanged();
    }

    List<String> foreignIdsAs(String a) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Route> e : ROUTES.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String pattern = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            Route route = e.getValue();
            Map<String, String> usedForeign = new LinkedHashMap<>();
            Map<String, String> usedMissing = new LinkedHashMap<>();
            String foreignPath = fill(pattern, foreign, usedForeign);
            String missingPath = fill(pattern, missing, usedMissing);
            HttpResponse<String> f = api.call(a, method, foreignPath, route.body());
            HttpResponse<String> m = api.call(a, method, missingPath, route.body());
            switch (route.kind()) {
                case OWNED -> {
                    if (a.equals(A_ADMIN) && m.statusCode() != 404) {
                        failures.add(e.getKey() + ": a missing id answered " + m.statusCode() + " " + m.body());
                    }
                    if (f.statusCode() != m.statusCode()
                            || !mask(f.body(), usedForeign).equals(mask(m.body(), usedMissing))) {
                        failures.add(a + " " + e.getKey() + ": foreign " + f.statusCode() + " " + f.body()
                                + " but missing " + m.statusCode() + " " + m.body());
                    }
                }
                case OPERATOR_ONLY -> {
                    if (f.statusCode() != 403
                            || m.statusCode() != 403
                            || !f.body().equals(m.body())) {
                        failures.add(
                                e.getKey() + ": operator-only route answered " + f.statusCode() + "/" + m.statusCode());
                    }
                }
                case SHARED -> {
                    if (f.statusCode() != 200 || m.statusCode() != 404) {
                        failures.add(e.getKey() + ": shared catalog entry answered " + f.statusCode() + "/"
                                + m.statusCode());
                    }
                }
            }
            for (String marker : markers) {
                if (f.body().contains(marker) && !usedForeign.containsValue(marker)) {
                    failures.add(e.getKey() + ": the answer to tenant A contains B's " + marker + ": " + f.body());
                }
            }
        }
        return failures;
    }

    /** Nothing of B changed under A's foreign writes. */
    void assertBUnchanged() {
        JsonNode after = machine(machineB1.path("id").asText());
        assertThat(after.path("name").asText()).isEqualTo("iso-b-1");
        assertThat(after.path("packageName").asText())
                .isEqualTo(machineB1.path("packageName").asText());
        assertThat(after.path("nics")).isEqualTo(machineB1.path("nics"));
        assertThat(after.path("snapshots").size()).isEqualTo(1);
        assertThat(after.path("tags")).isEqualTo(machineB1.path("tags"));
        assertThat(Api.json(api.call(B, "GET", "/api/v1/failover-pairs", null)).toString())
                .contains("iso-pair");
    }

    @Test
    void lists_read_by_tenant_a_carry_nothing_of_tenant_b() {
        List<String> failures = new ArrayList<>();
        for (String r : discoveredRoutes()) {
            if (!r.startsWith("GET ") || r.contains("{")) {
                continue;
            }
            HttpResponse<String> res = api.call(A_ADMIN, "GET", r.substring(4), null);
            for (String marker : markers) {
                if (res.body().contains(marker)) {
                    failures.add(r + " contains B's " + marker);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /** The pattern with each {variable} replaced by the value for its resource ({@code /api/v1/<resource>/{var}}). */
    static String fill(String pattern, Map<String, String> values, Map<String, String> used) {
        Matcher v = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (v.find()) {
            String key = "/api/v1/" + pattern.split("/")[3] + "/{" + v.group(1) + "}";
            String value = values.get(key);
            assertThat(value).as("a value for " + key + " in " + pattern).isNotNull();
            used.put(v.group(1), value);
            v.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        v.appendTail(out);
        return out.toString();
    }

    /** The answer with the ids it was asked about replaced by their variable names. */
    static String mask(String body, Map<String, String> used) {
        String out = body;
        for (Map.Entry<String, String> e : used.entrySet()) {
            out = out.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        return out;
    }
}
