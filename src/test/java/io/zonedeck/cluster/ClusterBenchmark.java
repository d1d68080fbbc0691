package io.zonedeck.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.support.Api;
import io.zonedeck.support.RestTestBase;
import io.zonedeck.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The control plane's figures of docs/benchmarks.md (printed and appended to target/benchmarks/cluster.txt, never
 * asserted): create throughput with one and two instances on PostgreSQL, job pickup latency, takeover after
 * {@code kill -9}, and a soak of mixed operations over two instances with one killed and restarted every 5 minutes.
 * Not part of the suite; needs the jar: {@code ./mvnw -o -q -DskipTests package} then
 * {@code ./mvnw -o -q test -Dtest=ClusterBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.minutes=30}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zonedeck.test.database=given",
            "zonedeck.demo.nodes=10",
            "zonedeck.demo.machines=0",
            "zonedeck.demo.provision-seconds=0",
            "logging.level.io.zonedeck=warn"
        })
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBenchmark extends RestTestBase {
    static final String URL = TestDatabase.createDatabase();
    static final Path OUT = Path.of("target/benchmarks/cluster.txt");
    static final String[] ARGS = {"--zonedeck.demo.enabled=true", "--logging.level.io.zonedeck=warn"};
    static PortalProcess a;

    @DynamicPropertySource
    static void sharedDatabase(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> URL);
        r.add("spring.datasource.username", () -> "postgres");
        r.add("spring.datasource.password", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stop() throws InterruptedException {
        if (a != null) {
            a.close();
        }
    }

    @Test
    @Order(1)
    void create_throughput_with_one_and_two_instances() throws Exception {
        print("create throughput, 10 sim nodes, PostgreSQL 14 (embedded), 24 clients:");
        creates("one instance", 300, List.of(api));
        a = new PortalProcess("bench-a", URL, ARGS).start();
        creates("two instances", 300, List.of(api, a.api()));
    }

    @Test
    @Order(2)
    void job_pickup_latency() {
        long[] ms = new long[50];
        for (int i = 0; i < ms.length; i++) {
            JsonNode ack = Api.json(api.call("alice", "POST", "/api/v1/machines", create("pick-" + i)));
            long t0 = System.nanoTime();
            String job = ack.path("job").path("id").asText();
            while (!"running".equals(state(job)) && !"succeeded".equals(state(job))) {
                sleep(2);
            }
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        print("job pickup (202 to running, idle cluster): p50 " + ms[25] + " ms, p95 " + ms[47] + " ms, max " + ms[49]
                + " ms");
    }

    @Test
    @Order(3)
    void takeover_after_kill_of_an_instance_with_jobs_in_flight() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(Api.json(a.api().call("alice", "POST", "/api/v1/machines", create("take-" + i)))
                    .path("job")
                    .path("id")
                    .asText());
        }
        a.kill();
        long t0 = System.nanoTime();
        long leasesAt = 0;
        while (true) {
            if (leasesAt == 0 && holders().size() == 1) {
                leasesAt = System.nanoTime();
            }
            if (leasesAt != 0
                    && jobs.stream().allMatch(j -> Set.of("succeeded", "failed").contains(state(j)))) {
                break;
            }
            sleep(50);
        }
        long failed = jobs.stream().filter(j -> "failed".equals(state(j))).count();
        print("takeover after kill -9 with 20 creates just acknowledged: leases " + (leasesAt - t0) / 1_000_000
                + " ms, all jobs ended " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + failed + " failed)");
        a = new PortalProcess(a.port, "bench-a", URL, ARGS).start();
    }

    @Test
    @Order(4)
    void soak_mixed_operations_over_two_instances_one_killed_and_restarted_every_five_minutes() throws Exception {
        long minutes = Long.getLong("soak.minutes", 30);
        long end = System.currentTimeMillis() + minutes * 60_000;
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] refused = new int[1];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            pool.submit(() -> {
                Random r = new Random(worker);
                int n = 0;
                while (running.get()) {
                    Api via = r.nextBoolean() || a == null ? api : a.api();
                    try {
                        String name = "soak-" + worker + "-" + n++;
                        HttpResponse<String> res = via.call("alice", "POST", "/api/v1/machines", create(name));
                        if (res.statusCode() != 202) {
                            refused[0]++;
                            continue;
                        }
                        JsonNode ack = Api.json(res);
                        acknowledged.add(ack.path("job").path("id").asText());
                        String id = ack.path("machine").path("id").asText();
                        sleep(500 + r.nextInt(1500));
                        for (String op : new String[] {"stop", "start"}) {
                            HttpResponse<String> o =
                                    via.call("alice", "POST", "/api/v1/machines/" + id + "/" + op, null);
                            if (o.statusCode() == 202) {
                                acknowledged.add(Api.json(o).path("id").asText());
                            }
                            sleep(300 + r.nextInt(1000));
                        }
                        HttpResponse<String> d = via.call("alice", "DELETE", "/api/v1/machines/" + id, null);
                        if (d.statusCode() == 202) {
                            acknowledged.add(Api.json(d).path("id").asText());
                        }
                    } catch (AssertionError | RuntimeException dead) {
                        sleep(200); // A is being killed or restarted: the request never got an answer
                    }
                }
                return null;
            });
        }
        int kills = 0;
        long nextKill = System.currentTimeMillis() + 5 * 60_000;
        while (System.currentTimeMillis() < end) {
            sleep(1000);
            if (System.currentTimeMillis() >= nextKill && System.currentTimeMillis() < end - 60_000) {
                PortalProcess dying = a;
                a = null;
                dying.kill();
                kills++;
                a = new PortalProcess(dying.port, "bench-a", URL, ARGS).start();
                nextKill = System.currentTimeMillis() + 5 * 60_000;
            }
        }
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        sleep(60_000); // let every acknowledged job end
        Set<String> ids = new HashSet<>(acknowledged);
        long lost = ids.stream()
                .filter(j ->
                        jdbc.queryForObject("select count(*) from job where id = cast(? as uuid)", Long.class, j) == 0)
                .count();
        long stuck = ids.stream()
                .filter(j -> Set.of("queued", "running").contains(String.valueOf(state(j))))
                .count();
        long failed = ids.stream().filter(j -> "failed".equals(state(j))).count();
        print("soak " + minutes + " min, 4 clients over two instances, A killed and restarted " + kills + " times: "
                + ids.size() + " operations acknowledged, " + lost + " lost, " + stuck + " stuck, " + failed
                + " failed, " + refused[0] + " creates refused");
    }

    Set<String> holders() {
        return new HashSet<>(jdbc.queryForList("select holder from node_lease where expires_at > now()", String.class));
    }

    String state(String job) {
        List<String> s = jdbc.queryForList("select state from job where id = cast(? as uuid)", String.class, job);
        return s.isEmpty() ? null : s.get(0);
    }

    void creates(String label, int n, List<Api> via) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        String prefix = label.replace(' ', '-');
        for (int i = 0; i < n; i++) {
            Api to = via.get(i % via.size());
            String body = create(prefix + "-" + i);
            calls.add(() -> Api.json(to.call("alice", "POST", "/api/v1/machines", body))
                    .path("job")
                    .path("id")
                    .asText());
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        long t0 = System.nanoTime();
        List<String> jobs = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(calls)) {
            jobs.add(f.get());
        }
        long accepted = System.nanoTime();
        pool.shutdown();
        while (!jobs.stream().allMatch(j -> "succeeded".equals(state(j)))) {
            sleep(20);
        }
        long done = System.nanoTime();
        print(String.format(
                "  %s: %d creates accepted in %d ms (%.0f/s), all running after %d ms (%.0f/s)",
                label,
                n,
                (accepted - t0) / 1_000_000,
                n * 1e9 / (accepted - t0),
                (done - t0) / 1_000_000,
                n * 1e9 / (done - t0)));
    }

    static String create(String name) {
        return "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}";
    }

    static void print(String line) {
        System.out.println("[cluster] " + line);
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
