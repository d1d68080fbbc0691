package io.zonedeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tenants, users, accounts and quota requests through the REST API: quota reads and writes and their scoping, a
 * user's life (created, disabled: refused at once, enabled, promoted), and a quota raise that lets a refused create
 * pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class TenancyIT extends RestTestBase {
    static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAtKj0ZUWQpqx9hLg7hHt2fehV5XVKznknkRCKkqP0N3 alice@laptop";

    private final HttpClient http = HttpClient.newHttpClient();

    /** A call with any user name and password (the Api helper knows demo passwords only). */
    HttpResponse<String> as(String user, String password, String method, String path, String body) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> res = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .method(
                                    method,
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Basic " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isLessThan(500);
            return res;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonNode ok(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        return res.body().isEmpty() ? null : Api.json(res);
    }

    String tenantId(String name) {
        return ok(api.call("operator", "GET", "/api/v1/tenants/" + name, null), 200)
                .path("id")
                .asText();
    }

    String createUser(String name, String password, String role, String tenant) {
        String body = "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"") + "}";
        return ok(api.call("operator", "POST", "/api/v1/users", body), 201)
                .path("id")
                .asText();
    }

    @Test
    void quotas_are_read_by_members_and_operators_and_set_by_operators_only() {
        JsonNode q = ok(api.call("operator", "GET", "/api/v1/tenants/globex/quota", null), 200);
        assertThat(q.path("tenantName").asText()).isEqualTo("globex");
        assertThat(q.path("limits").path("machines").isNull()).isTrue();
        assertThat(q.path("used").path("machines").asLong()).isGreaterThanOrEqualTo(2);

        q = ok(
                api.call(
                        "operator",
                        "PUT",
                        "/api/v1/tenants/globex/quota",
                        "{\"machines\":5,\"ramMiB\":16384,\"publicIps\":null}"),
                200);
        assertThat(q.path("limits").path("machines").asLong()).isEqualTo(5);
        assertThat(q.path("limits").path("ramMiB").asLong()).isEqualTo(16384);
        assertThat(q.path("limits").path("diskGiB").isNull()).isTrue();

        String globex = tenantId("globex");
        assertThat(ok(api.call("bob", "GET", "/api/v1/tenants/" + globex + "/quota", null), 200)
                        .path("limits")
                        .path("machines")
                        .asLong())
                .isEqualTo(5);
        assertThat(api.call("bob", "PUT", "/api/v1/tenants/globex/quota", "{\"machines\":50}")
                        .statusCode())
                .isEqualTo(403);

        // another tenant's quota is exactly a missing tenant's, by name or by id
        HttpResponse<String> missing = api.call("alice", "GET", "/api/v1/tenants/no-such-tenant/quota", null);
        for (String path : new String[] {"/api/v1/tenants/globex/quota", "/api/v1/tenants/" + globex + "/quota"}) {
            HttpResponse<String> foreign = api.call("alice", "GET", path, null);
            assertThat(foreign.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
            assertThat(Api.json(foreign).path("code"))
                    .isEqualTo(Api.json(missing).path("code"));
            assertThat(foreign.body()).doesNotContain("16384", "limits");
        }
        assertThat(api.call("alice", "GET", "/api/v1/tenants/globex", null).statusCode())
                .isEqualTo(404);

        // strict bodies: an unknown property is named, fractions, strings and negatives are refused
        HttpResponse<String> typo =
                api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "{\"machines\":5,\"ramMib\":10}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(Api.json(typo).path("errors").get(0).path("field").asText()).isEqualTo("ramMib");
        assertThat(Api.json(typo).path("errors").get(0).path("code").asText()).isEqualTo("UnknownProperty");
        for (String bad : new String[] {"{\"machines\":1.5}", "{\"machines\":\"ten\"}", "{\"machines\":[1]}"}) {
            HttpResponse<String> res = api.call("operator", "PUT", "/api/v1/tenants/globex/quota", bad);
            assertThat(res.statusCode()).as(bad).isEqualTo(400);
            assertThat(Api.json(res).path("errors").get(0).path("field").asText())
                    .isEqualTo("machines");
        }
        HttpResponse<String> negative =
                api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "{\"machines\":-1}");
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(Api.json(negative).path("errors").get(0).path("field").asText())
                .isEqualTo("machines");
        assertThat(api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "[]")
                        .statusCode())
                .isEqualTo(400);
        // an empty or null body used to lift every limit; it is malformed, and the quota stays
        String quotaBefore = Api.json(api.call("operator", "GET", "/api/v1/tenants/globex/quota", null))
                .toString();
        for (String absent : new String[] {null, "", "null"}) {
            HttpResponse<String> res = api.call("operator", "PUT", "/api/v1/tenants/globex/quota", absent);
            assertThat(res.statusCode()).as(String.valueOf(absent)).isEqualTo(400);
            assertThat(Api.json(res).path("errors").get(0).path("field").asText())
                    .isEqualTo("body");
        }
        assertThat(Api.json(api.call("operator", "GET", "/api/v1/tenants/globex/quota", null))
                        .toString())
                .isEqualTo(quotaBefore);

        ok(api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "{}"), 200);
    }

    @Test
    void operators_create_and_list_tenants_members_see_their_own() {
        JsonNode t = ok(
                api.call("operator", "POST", "/api/v1/tenants", "{\"name\":\"hooli\",\"displayName\":\"Hooli\"}"), 201);
        assertThat(t.path("enabled").asBoolean()).isTrue();
        assertThat(api.call("operator", "POST", "/api/v1/tenants", "{\"name\":\"hooli\",\"displayName\":\"Again\"}")
                        .statusCode())
                .isEqualTo(409);
        HttpResponse<String> bad =
                api.call("operator", "POST", "/api/v1/tenants", "{\"name\":\"no spaces\",\"displayName\":\"\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"field\":\"name\"", "\"field\":\"displayName\"");
        assertThat(api.call("alice", "POST", "/api/v1/tenants", "{\"name\":\"mine\",\"displayName\":\"Mine\"}")
                        .statusCode())
                .isEqualTo(403);

        JsonNode all = ok(api.call("operator", "GET", "/api/v1/tenants", null), 200);
        assertThat(all.findValuesAsText("name")).contains("acme", "globex", "hooli");
        assertThat(all.get(0).has("users")).isTrue();
        JsonNode mine = ok(api.call("alice", "GET", "/api/v1/tenants", null), 200);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("name").asText()).isEqualTo("acme");
        assertThat(mine.get(0).has("users")).isFalse();
        assertThat(api.call("alice", "POST", "/api/v1/tenants/acme/disable", null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void a_user_is_created_disabled_refused_at_once_enabled_and_promoted() {
        HttpResponse<String> weak = api.call(
                "operator",
                "POST",
                "/api/v1/users",
                "{\"username\":\"harry\",\"password\":\"harry-secret-1\",\"role\":\"TENANT_USER\",\"tenant\":\"globex\"}");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(Api.json(weak).path("errors").get(0).path("field").asText()).isEqualTo("password");
        String harry = createUser("harry", "correct horse battery", "TENANT_USER", "globex");
        assertThat(ok(as("harry", "correct horse battery", "GET", "/api/v1/account", null), 200)
                        .path("username")
                        .asText())
                .isEqualTo("harry");

        // scoping: another tenant's admin and a tenant user
        assertThat(api.call("alice", "GET", "/api/v1/users/" + harry, null).statusCode())
                .isEqualTo(404);
        assertThat(api.call("alice", "POST", "/api/v1/users/" + harry + "/disable", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.call("bob", "GET", "/api/v1/users", null).statusCode()).isEqualTo(403);
        assertThat(ok(api.call("alice", "GET", "/api/v1/users", null), 200).findValuesAsText("username"))
                .contains("alice")
                .doesNotContain("bob", "harry", "operator");

        // disabled: HTTP Basic refuses the very next request
        JsonNode off = ok(api.call("operator", "POST", "/api/v1/users/" + harry + "/disable", null), 200);
        assertThat(off.path("enabled").asBoolean()).isFalse();
        HttpResponse<String> refused = as("harry", "correct horse battery", "GET", "/api/v1/account", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Api.json(refused).path("code").asText()).isEqualTo("Unauthorized");
        ok(api.call("operator", "POST", "/api/v1/users/" + harry + "/enable", null), 200);
        ok(as("harry", "correct horse battery", "GET", "/api/v1/account", null), 200);

        // promoted: he manages globex's users now, never an operator
        assertThat(as("harry", "correct horse battery", "GET", "/api/v1/users", null)
                        .statusCode())
                .isEqualTo(403);
        JsonNode promoted =
                ok(api.call("operator", "PUT", "/api/v1/users/" + harry + "/role", "{\"role\":\"TENANT_ADMIN\"}"), 200);
        assertThat(promoted.path("role").asText()).isEqualTo("TENANT_ADMIN");
        JsonNode globexUsers = ok(as("harry", "correct horse battery", "GET", "/api/v1/users", null), 200);
        assertThat(globexUsers.findValuesAsText("username"))
                .contains("bob", "harry")
                .doesNotContain("alice", "operator");
        assertThat(api.call("operator", "PUT", "/api/v1/users/" + harry + "/role", "{\"role\":\"OPERATOR\"}")
                        .statusCode())
                .isEqualTo(422);

        String alice = ok(api.call("alice", "GET", "/api/v1/account", null), 200)
                .path("id")
                .asText();
        HttpResponse<String> self = api.call("alice", "POST", "/api/v1/users/" + alice + "/disable", null);
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(Api.json(self).path("code").asText()).isEqualTo("SelfChange");
    }

    @Test
    void a_disabled_tenants_users_are_refused_until_it_is_enabled() {
        ok(api.call("operator", "POST", "/api/v1/tenants/globex/disable", null), 200);
        try {
            assertThat(api.call("bob", "GET", "/api/v1/machines", null).statusCode())
                    .isEqualTo(401);
            assertThat(api.call("alice", "GET", "/api/v1/machines", null).statusCode())
                    .isEqualTo(200);
            JsonNode list = ok(api.call("operator", "GET", "/api/v1/tenants", null), 200);
            for (JsonNode t : list) {
                if (t.path("name").asText().equals("globex")) {
                    assertThat(t.path("enabled").asBoolean()).isFalse();
                }
            }
        } finally {
            ok(api.call("operator", "POST", "/api/v1/tenants/globex/enable", null), 200);
        }
        assertThat(api.call("bob", "GET", "/api/v1/machines", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_user_keeps_ssh_keys_and_changes_the_password() {
        createUser("ivy", "a long enough secret", "TENANT_USER", "acme");
        JsonNode key = ok(
                as(
                        "ivy",
                        "a long enough secret",
                        "POST",
                        "/api/v1/account/keys",
                        "{\"name\":\"laptop\",\"publicKey\":\"" + KEY + "\"}"),
                201);
        assertThat(key.path("fingerprint").asText()).isEqualTo("SHA256:Cwdl1NJfIow8/tc+kd2ZSqR1cSTYooAnXavU4sJsRlY");
        assertThat(key.path("bits").asInt()).isEqualTo(256);
        HttpResponse<String> dup = as(
                "ivy",
                "a long enough secret",
                "POST",
                "/api/v1/account/keys",
                "{\"name\":\"other\",\"publicKey\":\"" + KEY + "\"}");
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(Api.json(dup).path("errors").get(0).path("field").asText()).isEqualTo("publicKey");
        HttpResponse<String> bad = as(
                "ivy",
                "a long enough secret",
                "POST",
                "/api/v1/account/keys",
                "{\"name\":\"bad\",\"publicKey\":\"ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ==\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        HttpResponse<String> unknown =
                as("ivy", "a long enough secret", "POST", "/api/v1/account/keys", "{\"name\":\"x\",\"key\":\"y\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Api.json(unknown).path("errors").get(0).path("field").asText())
                .isEqualTo("key");
        assertThat(ok(as("ivy", "a long enough secret", "GET", "/api/v1/account/keys", null), 200))
                .hasSize(1);
        // another user's key is a missing key
        String id = key.path("id").asText();
        assertThat(api.call("alice", "DELETE", "/api/v1/account/keys/" + id, null)
                        .statusCode())
                .isEqualTo(404);
        ok(as("ivy", "a long enough secret", "DELETE", "/api/v1/account/keys/" + id, null), 204);

        HttpResponse<String> wrong = as(
                "ivy",
                "a long enough secret",
                "PUT",
                "/api/v1/account/password",
                "{\"currentPassword\":\"nope\",\"newPassword\":\"an even longer secret\"}");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(Api.json(wrong).path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
        ok(
                as(
                        "ivy",
                        "a long enough secret",
                        "PUT",
                        "/api/v1/account/password",
                        "{\"currentPassword\":\"a long enough secret\",\"newPassword\":\"an even longer secret\"}"),
                204);
        assertThat(as("ivy", "a long enough secret", "GET", "/api/v1/account", null)
                        .statusCode())
                .isEqualTo(401);
        ok(as("ivy", "an even longer secret", "GET", "/api/v1/account", null), 200);
    }

    @Test
    void an_approved_quota_request_lets_a_refused_create_pass() {
        String create = "{\"name\":\"shop-03\",\"brand\":\"lx\",\"image\":\"ubuntu-24.04\",\"package\":\"g1-nano\"}";
        long inUse = ok(api.call("operator", "GET", "/api/v1/tenants/globex/quota", null), 200)
                .path("used")
                .path("machines")
                .asLong();
        ok(api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "{\"machines\":" + inUse + "}"), 200);
        try {
            HttpResponse<String> refused = api.call("bob", "POST", "/api/v1/machines", create);
            // compute's pre-check refuses it as invalid (422); the reservation under the tenant's lock as 409
            assertThat(refused.statusCode()).as(refused.body()).isIn(409, 422);
            JsonNode error = Api.json(refused).path("errors").get(0);
            assertThat(error.path("field").asText()).isEqualTo("quota.machines");
            assertThat(error.path("code").asText()).isEqualTo("QuotaExceeded");
            assertThat(Api.json(refused).path("message").asText()).contains("Machines quota exceeded");

            String raise = "{\"limit\":\"machines\",\"value\":" + (inUse + 1) + ",\"reason\":\"one more shop\"}";
            assertThat(api.call("bob", "POST", "/api/v1/quota-requests", raise).statusCode())
                    .isEqualTo(403);
            createUser("gwen", "globex admin secret", "TENANT_ADMIN", "globex");
            HttpResponse<String> invalid = as(
                    "gwen",
                    "globex admin secret",
                    "POST",
                    "/api/v1/quota-requests",
                    "{\"limit\":\"machines\",\"value\":" + inUse + ",\"reason\":\"\"}");
            assertThat(invalid.statusCode()).isEqualTo(422);
            assertThat(invalid.body()).contains("\"field\":\"value\"", "\"field\":\"reason\"");
            JsonNode r = ok(as("gwen", "globex admin secret", "POST", "/api/v1/quota-requests", raise), 201);
            assertThat(r.path("state").asText()).isEqualTo("pending");
            assertThat(r.path("limit").asText()).isEqualTo("machines");
            assertThat(r.path("currentLimit").asLong()).isEqualTo(inUse);
            assertThat(as("gwen", "globex admin secret", "POST", "/api/v1/quota-requests", raise)
                            .statusCode())
                    .isEqualTo(409);
            String id = r.path("id").asText();

            // bob sees his tenant's request; alice sees nothing of it
            assertThat(ok(api.call("bob", "GET", "/api/v1/quota-requests", null), 200)
                            .findValuesAsText("id"))
                    .contains(id);
            assertThat(ok(api.call("alice", "GET", "/api/v1/quota-requests", null), 200)
                            .findValuesAsText("id"))
                    .doesNotContain(id);
            assertThat(api.call("alice", "GET", "/api/v1/quota-requests/" + id, null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(as("gwen", "globex admin secret", "POST", "/api/v1/quota-requests/" + id + "/approve", "{}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(ok(api.call("operator", "GET", "/api/v1/quota-requests?state=pending", null), 200)
                            .findValuesAsText("id"))
                    .contains(id);

            JsonNode approved = ok(
                    api.call(
                            "operator",
                            "POST",
                            "/api/v1/quota-requests/" + id + "/approve",
                            "{\"note\":\"approved for the sale\"}"),
                    200);
            assertThat(approved.path("state").asText()).isEqualTo("approved");
            assertThat(approved.path("decidedBy").asText()).isEqualTo("operator");
            assertThat(ok(api.call("bob", "GET", "/api/v1/tenants/globex/quota", null), 200)
                            .path("limits")
                            .path("machines")
                            .asLong())
                    .isEqualTo(inUse + 1);
            assertThat(api.call("operator", "POST", "/api/v1/quota-requests/" + id + "/reject", "{\"note\":\"no\"}")
                            .statusCode())
                    .isEqualTo(409);

            HttpResponse<String> passes = api.call("bob", "POST", "/api/v1/machines", create);
            assertThat(passes.statusCode()).as(passes.body()).isEqualTo(202);
        } finally {
            ok(api.call("operator", "PUT", "/api/v1/tenants/globex/quota", "{}"), 200);
        }
    }
}
