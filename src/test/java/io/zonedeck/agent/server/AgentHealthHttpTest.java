package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/health} and the sim's {@code POST/DELETE /v1/sim/health}, over HTTP. */
class AgentHealthHttpTest {
    private static final String TOKEN = "health-token";
    private static final String NODE = "node-h";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ZONES = "svc:/system/zones:default";

    private final ObjectMapper json = AgentJson.newMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SimDriver driver;
    private AgentCore core;
    private AgentServer server;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        driver = new SimDriver(
                7,
                new NodeResources("sim-h", 8, 16_384, 500, SimDriver.BRANDS),
                clock,
                Sleeper.SYSTEM,
                new SimSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, "10.88.7"));
        core = new AgentCore(NODE, driver, new RingBuffer(64), clock, Executors.newCachedThreadPool());
        server = new AgentServer(core, TOKEN, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
        driver.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .header(AgentJson.NODE_HEADER, NODE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private NodeHealth health() throws Exception {
        HttpResponse<String> r = call("GET", "/v1/health", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), NodeHealth.class);
    }

    private ApiError error(HttpResponse<String> r) throws Exception {
        return json.readValue(r.body(), ApiError.class);
    }

    @Test
    void a_fresh_sim_node_has_its_smartos_services_online_but_sendmail_and_no_faults() throws Exception {
        NodeHealth h = health();
        assertThat(h.supported()).isTrue();
        assertThat(h.faults()).isEmpty();
        assertThat(h.services()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(h.services())
                .extracting(SmfService::fmri)
                .contains(
                        "svc:/system/filesystem/local:default",
                        "svc:/network/physical:default",
                        ZONES,
                        "svc:/smartdc/agent/vm-agent:default",
                        "svc:/system/fmd:default",
                        "svc:/network/ntp:default",
                        "svc:/system/cron:default",
                        "svc:/network/ssh:default");
        assertThat(h.services())
                .filteredOn(s -> !s.state().equals("online"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.fmri()).isEqualTo("svc:/network/smtp:sendmail");
                    assertThat(s.state()).isEqualTo("disabled");
                });
        assertThat(h.services()).allSatisfy(s -> assertThat(s.since()).isLessThan(NOW.toEpochMilli()));
    }

    @Test
    void a_service_put_in_maintenance_shows_with_its_reason_and_delete_restores_it() throws Exception {
        HttpResponse<String> r = call(
                "POST",
                "/v1/sim/health",
                "{\"service\":\"" + ZONES + "\",\"state\":\"maintenance\",\"reason\":\"zoneadmd died\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        SmfService zones = health().services().stream()
                .filter(s -> s.fmri().equals(ZONES))
                .findFirst()
                .orElseThrow();
        assertThat(zones).isEqualTo(new SmfService(ZONES, "maintenance", NOW.toEpochMilli(), "zoneadmd died"));

        call("POST", "/v1/sim/health", "{\"service\":\"svc:/network/ntp:default\",\"state\":\"degraded\"}");
        assertThat(health().services())
                .filteredOn(s -> s.fmri().equals("svc:/network/ntp:default"))
                .singleElement()
                .satisfies(s -> assertThat(s.reason()).isNotBlank());

        HttpResponse<String> cleared = call("DELETE", "/v1/sim/health", null);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(health().services())
                .filteredOn(s -> !s.state().equals("online"))
                .extracting(SmfService::fmri)
                .containsExactly("svc:/network/smtp:sendmail");
    }

    @Test
    void an_injected_fma_fault_gets_a_uuid_and_the_node_clock_time_and_delete_clears_it() throws Exception {
        HttpResponse<String> r = call(
                "POST",
                "/v1/sim/health",
                "{\"fault\":{\"code\":\"ZFS-8000-FD\",\"severity\":\"Major\","
                        + "\"resource\":\"zfs://pool=zones/vdev=3f2c0a\",\"summary\":\"too many I/O errors\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        NodeHealth answered = json.readValue(r.body(), NodeHealth.class);
        assertThat(answered.faults()).hasSize(1);
        FmaFault f = health().faults().get(0);
        assertThat(f).isEqualTo(answered.faults().get(0));
        assertThat(f.uuid()).matches("[0-9a-f-]{36}");
        assertThat(f.code()).isEqualTo("ZFS-8000-FD");
        assertThat(f.severity()).isEqualTo("Major");
        assertThat(f.resource()).isEqualTo("zfs://pool=zones/vdev=3f2c0a");
        assertThat(f.summary()).isEqualTo("too many I/O errors");
        assertThat(f.timestamp()).isEqualTo(NOW.toEpochMilli());

        call(
                "POST",
                "/v1/sim/health",
                "{\"fault\":{\"code\":\"DISK-8000-0X\",\"severity\":\"Critical\","
                        + "\"resource\":\"dev:///:devid=id1,sd@n5000c500a1b2c3d4\"}}");
        assertThat(health().faults())
                .hasSize(2)
                .allSatisfy(x -> assertThat(x.summary()).isNotBlank());

        assertThat(call("DELETE", "/v1/sim/health", null).statusCode()).isEqualTo(200);
        assertThat(health().faults()).isEmpty();
    }

    @Test
    void bad_injections_get_field_errors_and_change_nothing() throws Exception {
        assertFieldError("{\"service\":\"" + ZONES + "\",\"state\":\"sleeping\"}", "Invalid", "state");
        assertFieldError("{\"service\":\"svc:/no/such:default\",\"state\":\"maintenance\"}", "Invalid", "service");
        assertFieldError("{\"service\":\"" + ZONES + "\"}", "MissingParameter", "state");
        assertFieldError("{}", "MissingParameter", "service", "fault");
        assertFieldError(
                "{\"fault\":{\"severity\":\"Major\",\"resource\":\"cpu:///cpuid=3\"}}",
                "MissingParameter",
                "fault.code");
        assertFieldError(
                "{\"fault\":{\"code\":\"ZFS-8000-FD\",\"severity\":\"Apocalyptic\",\"resource\":\"cpu:///cpuid=3\"}}",
                "Invalid",
                "fault.severity");
        assertFieldError(
                "{\"fault\":{\"code\":\"oops; rm -rf\",\"severity\":\"Minor\",\"resource\":\"cpu:///cpuid=3\"}}",
                "Invalid",
                "fault.code");
        assertFieldError(
                "{\"service\":\"" + ZONES + "\",\"state\":\"maintenance\",\"fault\":{\"code\":\"ZFS-8000-FD\"}}",
                "ConflictingParameters",
                "fault");
        assertFieldError(
                "{\"service\":\"" + ZONES + "\",\"state\":\"maintenance\",\"reason\":\"" + "x".repeat(300) + "\"}",
                "Invalid",
                "reason");

        HttpResponse<String> malformed = call("POST", "/v1/sim/health", "{\"fault\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed).code()).isEqualTo("Invalid");
        assertThat(call("PUT", "/v1/sim/health", "{}").statusCode()).isEqualTo(405);
        assertThat(call("POST", "/v1/health", "{}").statusCode()).isEqualTo(405);

        NodeHealth h = health();
        assertThat(h.faults()).isEmpty();
        assertThat(h.services()).filteredOn(s -> !s.state().equals("online")).hasSize(1);
    }

    private void assertFieldError(String body, String code, String... fields) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/sim/health", body);
        assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(422);
        ApiError e = error(r);
        assertThat(e.code()).as(r.body()).isEqualTo(code);
        assertThat(e.errors()).extracting(ApiError.FieldError::field).containsExactly(fields);
        assertThat(e.errors()).allSatisfy(fe -> assertThat(fe.message()).isNotBlank());
    }
}
