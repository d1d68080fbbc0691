package io.zonedeck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.metering.internal.UsageHours;
import io.zonedeck.metrics.NodeSampleReceived;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import io.zonedeck.tenancy.TenantService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Metering end to end: the test datacenter's sim agents stream samples, the meter counts and flushes them, and
 * the REST API answers per caller — as JSON and as CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class MeteringIT extends RestTestBase {
    /** Live samples are metered into this hour or later; the demo history ends before the portal started. */
    static final Instant TEST_HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @Autowired
    UsageMeter meter;

    @Autowired
    UsageHours store;

    @Autowired
    TenantService tenants;

    @Autowired
    CurrentCaller currentCaller;

    @Autowired
    UserService users;

    @Autowired
    Clock clock;

    JsonNode usage(String user, String query) {
        HttpResponse<String> res = api.call(user, "GET", "/api/v1/usage" + query, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Api.json(res);
    }

    HttpResponse<String> csv(String user, String query) {
        String token =
                Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/usage" + query))
                                    .header("Accept", "text/csv")
                                    .header("Authorization", "Basic " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Set<String> tenantsOf(JsonNode report) {
        Set<String> names = new HashSet<>();
        report.path("rows").forEach(r -> names.add(r.path("tenantName").asText()));
        return names;
    }

    @Test
    void live_samples_are_metered_and_each_tenant_sees_only_its_own_machines() {
        String since = "?from=" + TEST_HOUR;
        JsonNode alice = Eventually.until(
                Duration.ofSeconds(30),
                () -> {
                    meter.flush();
                    return usage("alice", since);
                },
                r -> {
                    for (JsonNode row : r.path("rows")) {
                        if (row.path("cpuSeconds").asDouble() > 0) {
                            return true;
                        }
                    }
                    return false;
                },
                "alice's machines to have metered CPU");
        assertThat(alice.path("granularity").asText()).isEqualTo("hour");
        assertThat(tenantsOf(alice)).containsOnly("acme");
        Set<String> acmeMachines = new HashSet<>();
        Api.json(api.call("alice", "GET", "/api/v1/machines", null))
                .forEach(m -> acmeMachines.add(m.path("id").asText()));
        alice.path("rows").forEach(r -> {
            assertThat(acmeMachines).contains(r.path("machineId").asText());
            assertThat(r.path("samples").asLong()).isPositive();
            assertThat(r.path("ramGibHours").asDouble()).isPositive();
            assertThat(r.path("diskGibHours").asDouble()).isPositive();
            assertThat(r.path("packageName").asText()).isNotBlank();
        });
        assertThat(alice.path("totals")).hasSize(1);
        assertThat(alice.path("totals").get(0).path("tenantName").asText()).isEqualTo("acme");

        JsonNode bob = usage("bob", since);
        assertThat(tenantsOf(bob)).containsOnly("globex");

        JsonNode operator = Eventually.until(
                Duration.ofSeconds(30),
                () -> {
                    meter.flush();
                    return usage("operator", since);
                },
                r -> tenantsOf(r).containsAll(List.of("acme", "globex")),
                "both tenants' usage for the operator");
        assertThat(operator.path("totals")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a_tenant_filter_narrows_operators_and_never_shows_a_tenant_another_tenants_usage() {
        String range = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(3) + "&granularity=day";
        UUID globex = tenants.findByName("globex").orElseThrow().id();

        assertThat(usage("operator", range).path("rows")).isNotEmpty();
        JsonNode onlyGlobex = usage("operator", range + "&tenant=globex");
        assertThat(tenantsOf(onlyGlobex)).containsOnly("globex");
        assertThat(usage("operator", range + "&tenant=" + globex).path("rows")).hasSameSizeAs(onlyGlobex.path("rows"));

        for (String foreign : List.of("globex", globex.toString(), "no-such-tenant")) {
            JsonNode res = usage("alice", range + "&tenant=" + foreign);
            assertThat(res.path("rows")).as(foreign).isEmpty();
            assertThat(res.path("totals")).as(foreign).isEmpty();
            HttpResponse<String> asCsv = csv("alice", range + "&tenant=" + foreign);
            assertThat(asCsv.body().lines().count()).as(asCsv.body()).isEqualTo(1); // the header only
        }
        assertThat(tenantsOf(usage("alice", range + "&tenant=acme"))).containsOnly("acme");
    }

    @Test
    void csv_parses_and_matches_the_json_totals() throws Exception {
        // two whole days of the demo history: the live meter never writes there
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        String range = "?from=" + day + "&to=" + day.plusDays(1) + "&granularity=hour";
        JsonNode json = usage("operator", range);
        HttpResponse<String> res = csv("operator", range);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(res.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment").contains(".csv"));

        List<Map<String, String>> lines;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(res.body())) {
            lines = it.readAll();
        }
        assertThat(res.body().lines().findFirst()).hasValue(String.join(",", UsageCsv.HEADER));
        assertThat(lines).hasSize(json.path("rows").size()).isNotEmpty();

        Map<String, double[]> csvSums = new HashMap<>();
        for (Map<String, String> line : lines) {
            double[] s = csvSums.computeIfAbsent(line.get("tenant"), k -> new double[5]);
            s[0] += Double.parseDouble(line.get("cpu_seconds"));
            s[1] += Double.parseDouble(line.get("ram_gib_hours"));
            s[2] += Double.parseDouble(line.get("disk_gib_hours"));
            s[3] += Long.parseLong(line.get("net_bytes"));
            s[4] += Long.parseLong(line.get("samples"));
        }
        assertThat(csvSums.keySet()).containsExactlyInAnyOrder("acme", "globex");
        for (JsonNode total : json.path("totals")) {
            double[] s = csvSums.get(total.path("tenantName").asText());
            double tolerance = 1e-6 * lines.size();
            assertThat(s[0]).isCloseTo(total.path("cpuSeconds").asDouble(), within(tolerance));
            assertThat(s[1]).isCloseTo(total.path("ramGibHours").asDouble(), within(tolerance));
            assertThat(s[2]).isCloseTo(total.path("diskGibHours").asDouble(), within(tolerance));
            assertThat((long) s[3]).isEqualTo(total.path("netBytes").asLong());
            assertThat((long) s[4]).isEqualTo(total.path("samples").asLong());
        }
    }

    @Test
    void usage_survives_a_restart_and_replayed_samples_are_not_counted_again() {
        UUID acme = tenants.findByName("acme").orElseThrow().id();
        UUID machine = UUID.randomUUID();
        MeteredMachines source = () -> List.of(new MeteredMachine(machine, acme, "restart-01", "g1-nano", "nano", 10));
        long hour = TEST_HOUR.minus(Duration.ofHours(3)).toEpochMilli();

        UsageMeter before = new UsageMeter(
                store,
                new MachineFacts(List.of(source), clock),
                clock,
                Duration.ofMinutes(1),
                UsageMeterTest.holdingEveryNode());
        before.seedFromStore();
        for (int s = 1; s <= 4; s++) {
            feed(before, hour + s * 1000, machine);
        }
        before.stop(); // the shutdown flush

        UsageMeter after = new UsageMeter(
                store,
                new MachineFacts(List.of(source), clock),
                clock,
                Duration.ofMinutes(1),
                UsageMeterTest.holdingEveryNode());
        after.seedFromStore();
        for (int s = 1; s <= 6; s++) { // the agent replays 1..4, then 5 and 6 are new
            feed(after, hour + s * 1000, machine);
        }
        after.flush();

        UsageService fresh = new UsageService(store, tenants, currentCaller);
        UsageReport report = As.user(
                users,
                "alice",
                () -> fresh.usage(new UsageQuery(
                        Instant.ofEpochMilli(hour),
                        Instant.ofEpochMilli(hour).plus(Duration.ofHours(1)),
                        Granularity.HOUR)));
        UsageRow row = report.rows().stream()
                .filter(r -> r.machineId().equals(machine))
                .findFirst()
                .orElseThrow();
        assertThat(row.samples()).isEqualTo(6);
        assertThat(row.cpuSeconds()).isCloseTo(6 * 0.25, within(1e-9));
        assertThat(row.billingTag()).isEqualTo("nano");
        assertThat(row.tenantName()).isEqualTo("acme");

        JsonNode viaRest =
                usage("alice", "?from=" + Instant.ofEpochMilli(hour) + "&to=" + Instant.ofEpochMilli(hour + 3_600_000));
        List<JsonNode> mine = new ArrayList<>();
        viaRest.path("rows").forEach(r -> {
            if (r.path("machineId").asText().equals(machine.toString())) {
                mine.add(r);
            }
        });
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("samples").asLong()).isEqualTo(6);
        assertThat(usage("bob", "?from=" + Instant.ofEpochMilli(hour)).toString())
                .doesNotContain(machine.toString());
    }

    private static void feed(UsageMeter meter, long t, UUID machine) {
        meter.onSample(new NodeSampleReceived(
                UUID.randomUUID(),
                t,
                new NodeSample(5, 100, List.of(new MachineSample(machine, 25, 25, 100, 512, 0, 0, 10, 10)))));
    }

    @Test
    void bad_ranges_are_refused_on_their_fields_as_json_even_when_csv_was_asked_for() {
        Map<String, String> cases = Map.of(
                "?from=yesterday", "from",
                "?from=2025-02-30", "from",
                "?from=2025-03-10&to=2025-03-01", "from",
                "?from=2024-01-01&to=2025-02-01", "to",
                "?granularity=week", "granularity");
        cases.forEach((query, field) -> {
            HttpResponse<String> res = api.call("alice", "GET", "/api/v1/usage" + query, null);
            assertThat(res.statusCode()).as(query + " " + res.body()).isEqualTo(422);
            assertThat(Api.json(res).path("errors").get(0).path("field").asText())
                    .as(query)
                    .isEqualTo(field);

            HttpResponse<String> asCsv = csv("alice", query);
            assertThat(asCsv.statusCode()).as(query + " " + asCsv.body()).isEqualTo(422);
            assertThat(asCsv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(Api.json(asCsv).path("errors").get(0).path("field").asText())
                    .isEqualTo(field);
        });
        // a whole leap year is 366 days: allowed
        assertThat(api.call("alice", "GET", "/api/v1/usage?from=2024-01-01&to=2024-12-31&granularity=day", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.call(null, "GET", "/api/v1/usage", null).statusCode()).isEqualTo(401);
        assertThat(api.call(null, "GET", "/v3/api-docs", null).body()).contains("/api/v1/usage");
    }
}
