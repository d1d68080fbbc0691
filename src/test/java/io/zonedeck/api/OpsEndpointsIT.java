package io.zonedeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Probes for a load balancer are open and say only UP or DOWN; the Prometheus endpoint is for operators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OpsEndpointsIT extends RestTestBase {
    @Test
    void readiness_and_liveness_are_open_and_reveal_nothing_but_the_status() {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            HttpResponse<String> res = api.call(null, "GET", probe, null);
            assertThat(res.statusCode()).as(probe).isEqualTo(200);
            assertThat(Api.json(res).path("status").asText()).isEqualTo("UP");
            assertThat(Api.json(res).has("components"))
                    .as("no details for anyone")
                    .isFalse();
        }
    }

    @Test
    void prometheus_metrics_need_an_operator_and_carry_jobs_leases_ingest_and_machines() {
        assertThat(api.call(null, "GET", "/actuator/prometheus", null).statusCode())
                .isEqualTo(401);
        assertThat(api.call("alice", "GET", "/actuator/prometheus", null).statusCode())
                .isEqualTo(403);
        assertThat(api.call("operator", "GET", "/actuator/env", null).body())
                .as("no other actuator endpoint is exposed")
                .doesNotContain("propertySources");
        String text = Eventually.until(
                Duration.ofSeconds(15),
                this::scrape,
                t -> t.contains("zonedeck_machine_cpu_percent{"),
                "per-machine gauges to appear");
        assertThat(text)
                .contains("zonedeck_jobs_queue_depth")
                .contains("zonedeck_jobs_queue_oldest_age_seconds")
                .contains("zonedeck_jobs_running")
                .contains("zonedeck_jobs_failed_total")
                .contains("zonedeck_node_leases_held{")
                .contains("zonedeck_ingest_samples_total")
                .contains("zonedeck_ingest_stream_lag_seconds{")
                .contains("zonedeck_machine_memory_mebibytes{")
                .contains("hikaricp_connections_active");
        double leases = text.lines()
                .filter(l -> l.startsWith("zonedeck_node_leases_held{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(leases).as("a lone instance holds every node's lease").isGreaterThanOrEqualTo(3);
    }

    /** As Prometheus scrapes: text exposition format, HTTP Basic with an operator account. */
    String scrape() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                    .header("Accept", "text/plain")
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + java.util.Base64.getEncoder()
                                                            .encodeToString("operator:operator-demo".getBytes()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
