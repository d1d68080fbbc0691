package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.nodes.StreamIngest;
import io.zonedeck.support.Api;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.ActiveProfiles;

/**
 * Metrics end to end: the test datacenter's sim agents stream, the portal ingests by sequence into the series
 * store, and the REST API answers per caller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class MetricsIT extends RestTestBase {
    /** Counts every sample the ingest publishes, by node and timestamp. */
    static class Deliveries {
        final Map<String, AtomicInteger> byNodeSecond = new ConcurrentHashMap<>();

        @EventListener
        void on(NodeSampleReceived e) {
            byNodeSecond
                    .computeIfAbsent(e.nodeId() + "@" + e.timestamp(), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    @TestConfiguration
    static class Config {
        @Bean
        Deliveries deliveries() {
            return new Deliveries();
        }
    }

    @Autowired
    SeriesStore store;

    @Autowired
    StreamIngest ingest;

    @Autowired
    Deliveries deliveries;

    JsonNode get(String user, String path, int status) {
        HttpResponse<String> res = api.call(user, "GET", path, null);
        assertThat(res.statusCode()).as(path + " → " + res.body()).isEqualTo(status);
        return Api.json(res);
    }

    /** A running machine of the user's tenant that has been sampled a few seconds. */
    JsonNode runningMachine(String user) {
        JsonNode[] found = new JsonNode[1];
        Eventually.within(Duration.ofSeconds(60), () -> {
            JsonNode list = get(user, "/api/v1/machines?limit=100", 200);
            JsonNode items = list.has("items") ? list.get("items") : list;
            for (JsonNode m : items) {
                if ("running".equals(m.path("state").asText())
                        && store.seconds(UUID.fromString(m.get("id").asText()), Metric.CPU, 0)
                                        .size()
                                >= 3) {
                    found[0] = m;
                    return;
                }
            }
            throw new AssertionError("no sampled running machine for " + user + " yet");
        });
        return found[0];
    }

    @Test
    void a_machines_metrics_come_per_second_with_units_and_only_newer_points_after_a_timestamp() {
        String id = runningMachine("alice").get("id").asText();
        JsonNode r = get("alice", "/api/v1/machines/" + id + "/metrics?names=cpu,memory,disk_read,runq_latency", 200);
        assertThat(r.get("resolution").asText()).isEqualTo("1s");
        assertThat(r.get("window").asText()).isEqualTo("1m");
        JsonNode cpu = r.at("/metrics/cpu/points");
        assertThat(r.at("/metrics/cpu/unit").asText()).isEqualTo("% of one CPU");
        assertThat(cpu.size()).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(61);
        for (int i = 1; i < cpu.size(); i++) {
            assertThat(cpu.get(i).get(0).asLong() / 1000 - cpu.get(i - 1).get(0).asLong() / 1000)
                    .as("per-second points")
                    .isEqualTo(1);
        }
        assertThat(r.at("/metrics/memory/points").size()).isEqualTo(cpu.size());
        assertThat(r.at("/distributions/runq_latency/columns").isArray()).isTrue();
        long last = cpu.get(cpu.size() - 1).get(0).asLong();
        JsonNode newer = get("alice", "/api/v1/machines/" + id + "/metrics?names=cpu&after=" + last, 200);
        for (JsonNode p : newer.at("/metrics/cpu/points")) {
            assertThat(p.get(0).asLong()).isGreaterThan(last);
        }
        JsonNode history = get("alice", "/api/v1/machines/" + id + "/metrics?names=cpu&window=24h", 200);
        assertThat(history.get("resolution").asText()).isEqualTo("1m");
        assertThat(history.at("/metrics/cpu/points").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void bad_input_gets_field_errors_and_a_foreign_machine_is_missing() {
        String id = runningMachine("alice").get("id").asText();
        assertThat(get("alice", "/api/v1/machines/" + id + "/metrics?names=cpu,bogus", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("names");
        assertThat(get("alice", "/api/v1/machines/" + id + "/metrics?window=8d", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("window");
        assertThat(get("alice", "/api/v1/machines/" + id + "/metrics?after=yesterday", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("after");
        String foreign = api.call("bob", "GET", "/api/v1/machines/" + id + "/metrics", null)
                .body()
                .replace(id, "ID");
        String missing = api.call("bob", "GET", "/api/v1/machines/" + UUID.randomUUID() + "/metrics", null)
                .body()
                .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID");
        assertThat(foreign).isEqualTo(missing);
    }

    @Test
    void analytics_decomposes_for_operators_and_stays_inside_a_tenants_own_machines() {
        runningMachine("alice");
        runningMachine("bob");
        Eventually.within(Duration.ofSeconds(20), () -> {
            JsonNode byTenant = get("operator", "/api/v1/analytics?metric=cpu&decomposition=tenant", 200);
            List<String> labels = new ArrayList<>();
            byTenant.get("series").forEach(s -> labels.add(s.get("label").asText()));
            assertThat(labels).contains("acme", "globex");
        });
        Set<String> aliceMachines = new HashSet<>();
        JsonNode list = get("alice", "/api/v1/machines?limit=100", 200);
        (list.has("items") ? list.get("items") : list)
                .forEach(m -> aliceMachines.add(m.get("id").asText()));
        JsonNode mine = get("alice", "/api/v1/analytics?metric=cpu&decomposition=machine", 200);
        assertThat(mine.get("series").size()).isGreaterThan(0);
        mine.get("series")
                .forEach(s -> assertThat(aliceMachines).contains(s.get("key").asText()));
        assertThat(get("alice", "/api/v1/analytics?metric=cpu&decomposition=tenant", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("decomposition");
        assertThat(get("alice", "/api/v1/analytics?metric=nope", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("metric");
        assertThat(get("alice", "/api/v1/analytics?metric=runq_latency&decomposition=machine", 422)
                        .at("/errors/0/field")
                        .asText())
                .isEqualTo("decomposition");
        String bobsMachine = runningMachine("bob").get("id").asText();
        assertThat(get("alice", "/api/v1/analytics?metric=cpu&machine=" + bobsMachine, 422)
                        .at("/errors/0/message")
                        .asText())
                .isEqualTo("No such machine");
        JsonNode syscalls = get("operator", "/api/v1/analytics?metric=syscalls&decomposition=syscall", 200);
        assertThat(syscalls.get("series").isArray()).isTrue();
    }

    @Test
    void latency_heatmaps_arrive_for_a_tenants_machines() {
        runningMachine("alice");
        Eventually.within(Duration.ofSeconds(20), () -> {
            JsonNode heat = get("alice", "/api/v1/analytics?metric=runq_latency", 200);
            assertThat(heat.get("heatmap").size()).isGreaterThan(0);
            JsonNode buckets = heat.at("/heatmap/0/buckets");
            assertThat(buckets.size()).isGreaterThan(0);
            assertThat(buckets.get(0).get(1).asLong()).isPositive();
        });
    }

    @Test
    void after_a_five_second_outage_the_stream_fills_the_gap_without_losing_or_repeating_a_second() throws Exception {
        UUID machine = UUID.fromString(runningMachine("alice").get("id").asText());
        UUID node = store.nodeOf(machine).orElseThrow();
        long before = store.newest(machine);
        ingest.simulateOutage(node, 5000);
        Thread.sleep(3000);
        long during = store.newest(machine);
        assertThat(during - before).as("nothing arrives during the outage").isLessThanOrEqualTo(6000);
        Eventually.within(
                Duration.ofSeconds(30), () -> assertThat(store.newest(machine)).isGreaterThanOrEqualTo(before + 9000));
        Series cpu = store.seconds(machine, Metric.CPU, before - 5000);
        for (int i = 1; i < cpu.size(); i++) {
            assertThat(cpu.t()[i] / 1000 - cpu.t()[i - 1] / 1000)
                    .as("no lost second")
                    .isEqualTo(1);
        }
        // the seconds checked above span the outage: from before it to well after it
        assertThat(cpu.t()[0] / 1000).isLessThanOrEqualTo(before / 1000);
        assertThat(cpu.lastTime() / 1000).isGreaterThanOrEqualTo(before / 1000 + 9);
        deliveries.byNodeSecond.forEach((k, n) -> assertThat(n.get()).as(k).isEqualTo(1));
        assertThat(deliveries.byNodeSecond.keySet().stream().filter(k -> k.startsWith(node.toString())))
                .hasSizeGreaterThan(10);
    }
}
