package io.zonedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.Jobs;
import io.zonedeck.support.RestTestBase;
import io.zonedeck.tenancy.TenantService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The audit log through the REST API: what a call records, who sees which records, JSON and CSV. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AuditIT extends RestTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    TenantService tenants;

    String tenant(String name) {
        return tenants.findByName(name).orElseThrow().id().toString();
    }

    /** A call with any password, request id and Accept header. */
    HttpResponse<String> send(
            String user, String password, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        if (!headers.containsKey("Accept")) {
            b.header("Accept", "application/json");
        }
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode())
                    .as(method + " " + path + ": " + res.body())
                    .isLessThan(500);
            return res;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> as(String user, String method, String path, String body, Map<String, String> headers) {
        return send(user, user + "-demo", method, path, body, headers);
    }

    /** The audit records the user sees for a query string (JSON). */
    List<JsonNode> audit(String user, String query) {
        HttpResponse<String> res = api.call(user, "GET", "/api/v1/audit?limit=1000" + query, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return StreamSupport.stream(Api.json(res).spliterator(), false).toList();
    }

    /** The single record with this request id that the user sees. */
    JsonNode byRequest(String user, String requestId) {
        List<JsonNode> found = audit(user, "&q=" + requestId);
        assertThat(found).as("records of request " + requestId).hasSize(1);
        return found.get(0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void a_tenants_rest_mutation_is_recorded_once_with_its_request_id_user_tenant_and_result() {
        JsonNode machine = Api.json(api.call("alice", "GET", "/api/v1/machines?state=running&limit=1", null))
                .get(0);
        String id = machine.path("id").asText();
        HttpResponse<String> res = as("alice", "POST", "/api/v1/machines/" + id + "/stop", null, Map.of());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        String requestId = res.headers().firstValue("X-Request-Id").orElseThrow();
        Jobs.finished(api, "alice", Api.json(res));

        JsonNode r = byRequest("alice", requestId);
        assertThat(r.path("action").asText()).isEqualTo("machine.stop");
        assertThat(r.path("username").asText()).isEqualTo("alice");
        assertThat(r.path("tenantId").asText()).isEqualTo(tenant("acme"));
        assertThat(r.path("tenant").asText()).isEqualTo("acme");
        assertThat(r.path("target").asText()).isEqualTo(id);
        assertThat(r.path("message").asText()).isEqualTo(machine.path("name").asText());
        assertThat(r.path("result").asText()).isEqualTo("ok");
        assertThat(r.path("source").asText()).isEqualTo("api");
        assertThat(r.path("remoteAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(byRequest("operator", requestId).path("id")).isEqualTo(r.path("id"));
        assertThat(audit("bob", "&q=" + requestId)).isEmpty();
    }

    @Test
    void an_operators_mutation_keeps_the_clients_request_id_and_a_create_for_a_tenant_belongs_to_it() {
        HttpResponse<String> res = as(
                "operator",
                "POST",
                "/api/v1/packages",
                "{\"name\":\"audit-pkg\",\"ramMiB\":512,\"diskGiB\":10}",
                Map.of("X-Request-Id", "it-pkg-1"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.headers().firstValue("X-Request-Id")).hasValue("it-pkg-1");
        JsonNode r = byRequest("operator", "it-pkg-1");
        assertThat(r.path("action").asText()).isEqualTo("package.create");
        assertThat(r.path("username").asText()).isEqualTo("operator");
        assertThat(r.path("tenantId").isNull())
                .as("an operator's own record: " + r)
                .isTrue();
        assertThat(r.path("target").asText()).isEqualTo(Api.json(res).path("id").asText());
        assertThat(r.path("message").asText()).isEqualTo("audit-pkg");
        assertThat(audit("alice", "&q=it-pkg-1")).isEmpty();

        HttpResponse<String> created = as(
                "operator",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"for-globex\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\","
                        + "\"tenant\":\"globex\"}",
                Map.of("X-Request-Id", "it-op-create"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode c = byRequest("bob", "it-op-create");
        assertThat(c.path("username").asText()).isEqualTo("operator");
        assertThat(c.path("tenant").asText()).isEqualTo("globex");
        assertThat(c.path("target").asText())
                .isEqualTo(Api.json(created).path("machine").path("id").asText());
    }

    @Test
    void refused_mutations_are_recorded_with_their_error_code() {
        String missing = UUID.randomUUID().toString();
        HttpResponse<String> notFound =
                as("alice", "POST", "/api/v1/machines/" + missing + "/stop", null, Map.of("X-Request-Id", "it-404"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        JsonNode r = byRequest("alice", "it-404");
        assertThat(r.path("result").asText()).isEqualTo("NotFound");
        assertThat(r.path("target").asText()).isEqualTo(missing);
        assertThat(r.path("message").asText()).contains("not found");

        // a line break in a name no longer reaches the service: the body is malformed (400, decision 011)
        HttpResponse<String> forged = as(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"x\\r\\n2026-11-25 INFO forged\",\"brand\":\"joyent\",\"image\":\"base-64-lts\","
                        + "\"package\":\"g1-nano\"}",
                Map.of("X-Request-Id", "it-400"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(Api.json(forged).path("errors").get(0).path("field").asText())
                .isEqualTo("name");

        HttpResponse<String> invalid = as(
                "alice",
                "POST",
                "/api/v1/machines",
                "{\"name\":\"x <forged> 2026-11-25 INFO\",\"brand\":\"joyent\",\"image\":\"base-64-lts\","
                        + "\"package\":\"g1-nano\"}",
                Map.of("X-Request-Id", "it-422"));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
        JsonNode i = byRequest("alice", "it-422");
        assertThat(i.path("action").asText()).isEqualTo("machine.create");
        assertThat(i.path("result").asText()).isEqualTo("Invalid");
        assertThat(i.path("target").asText()).isEqualTo("x <forged> 2026-11-25 INFO");
    }

    @Test
    void failed_logins_are_recorded_with_the_attempted_name_escaped_and_successful_basic_auth_is_not() {
        int before = audit("alice", "&action=login").size();
        HttpResponse<String> wrong =
                send("alice", "not-her-password", "GET", "/api/v1/machines", null, Map.of("X-Request-Id", "it-401"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        JsonNode r = byRequest("alice", "it-401");
        assertThat(r.path("action").asText()).isEqualTo("login");
        assertThat(r.path("result").asText()).isEqualTo("BadCredentials");
        assertThat(r.path("username").asText()).isEqualTo("alice");
        assertThat(r.path("tenant").asText())
                .as("a failed login belongs to the user's tenant")
                .isEqualTo("acme");

        send("x\r\nINFO forged", "pw", "GET", "/api/v1/machines", null, Map.of("X-Request-Id", "it-401-forged"));
        JsonNode f = byRequest("operator", "it-401-forged");
        assertThat(f.path("username").asText()).isEqualTo("x\\r\\nINFO forged");
        assertThat(f.path("tenantId").isNull()).isTrue();

        HttpResponse<String> ok = as("alice", "GET", "/api/v1/machines", null, Map.of("X-Request-Id", "it-basic-ok"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(audit("alice", "&q=it-basic-ok"))
                .as("REST Basic sign-ins are not recorded (browser sign-ins of other tests in this context are)")
                .isEmpty();
        assertThat(audit("alice", "&action=login")).hasSize(before + 1);
    }

    @Test
    void rest_403s_are_recorded_once() {
        HttpResponse<String> res = as(
                "alice",
                "POST",
                "/api/v1/packages",
                "{\"name\":\"nope\",\"ramMiB\":512,\"diskGiB\":10}",
                Map.of("X-Request-Id", "it-403"));
        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode r = byRequest("alice", "it-403");
        assertThat(r.path("action").asText()).isEqualTo("package.create");
        assertThat(r.path("result").asText()).isEqualTo("Forbidden");
        assertThat(r.path("target").asText()).isEqualTo("nope");

        HttpResponse<String> nodes = as("bob", "GET", "/api/v1/nodes", null, Map.of("X-Request-Id", "it-403-read"));
        assertThat(nodes.statusCode()).isEqualTo(403);
        JsonNode n = byRequest("bob", "it-403-read");
        assertThat(n.path("action").asText()).isEqualTo("access.denied");
        assertThat(n.path("target").asText()).isEqualTo("GET /api/v1/nodes");
        assertThat(n.path("result").asText()).isEqualTo("Forbidden");
    }

    @Test
    void tenants_never_see_another_tenants_records_and_operators_see_all() {
        as("bob", "POST", "/api/v1/machines/" + UUID.randomUUID() + "/start", null, Map.of());
        as("alice", "POST", "/api/v1/machines/" + UUID.randomUUID() + "/start", null, Map.of());
        send("bob", "wrong", "GET", "/api/v1/machines", null, Map.of());
        Eventually.until(Duration.ofSeconds(5), () -> audit("operator", ""), l -> l.size() > 3, "records");

        assertThat(audit("alice", ""))
                .isNotEmpty()
                .extracting(r -> r.path("tenantId").asText())
                .containsOnly(tenant("acme"));
        assertThat(audit("bob", ""))
                .isNotEmpty()
                .extracting(r -> r.path("tenantId").asText())
                .containsOnly(tenant("globex"));
        List<JsonNode> all = audit("operator", "");
        assertThat(all)
                .extracting(r -> r.path("tenantId").isNull()
                        ? "none"
                        : r.path("tenantId").asText())
                .contains(tenant("acme"), tenant("globex"), "none");
        HttpResponse<String> counted = api.call("alice", "GET", "/api/v1/audit?limit=1", null);
        assertThat(counted.headers().firstValue("x-resource-count").map(Integer::parseInt))
                .hasValue(audit("alice", "").size());
    }

    @Test
    void csv_parses_and_has_the_same_rows_as_json() throws Exception {
        as("alice", "POST", "/api/v1/machines/" + UUID.randomUUID() + "/reboot", null, Map.of());
        String query = "&action=" + enc("machine.") + "&from=2020-01-01&to=" + enc("2100-01-01T00:00:00Z");
        List<JsonNode> json = audit("alice", query);
        assertThat(json).isNotEmpty();
        HttpResponse<String> csv =
                as("alice", "GET", "/api/v1/audit?limit=1000" + query, null, Map.of("Accept", "text/csv"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.body())) {
            rows.addAll(it.readAll());
        }
        assertThat(rows)
                .extracting(r -> r.get("id"))
                .containsExactlyElementsOf(
                        json.stream().map(j -> j.path("id").asText()).toList());
        assertThat(rows).extracting(r -> r.get("tenant")).containsOnly("acme");
        assertThat(rows.get(0).get("action"))
                .isEqualTo(json.get(0).path("action").asText());
        assertThat(rows.get(0).get("request_id"))
                .isEqualTo(json.get(0).path("requestId").asText());

        HttpResponse<String> any = as("alice", "GET", "/api/v1/audit?limit=1", null, Map.of("Accept", "*/*"));
        assertThat(any.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void bad_parameters_are_field_errors() {
        HttpResponse<String> res =
                api.call("alice", "GET", "/api/v1/audit?from=yesterday&to=2020-01-01&limit=0&offset=-1", null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(422);
        assertThat(Api.json(res).path("errors").findValuesAsText("field")).contains("from", "limit", "offset");
        HttpResponse<String> order = api.call("alice", "GET", "/api/v1/audit?from=2026-02-01&to=2026-01-01", null);
        assertThat(order.statusCode()).isEqualTo(422);
        assertThat(Api.json(order).path("errors").findValuesAsText("field")).containsExactly("to");
        assertThat(api.call(null, "GET", "/api/v1/audit", null).statusCode()).isEqualTo(401);
    }
}
