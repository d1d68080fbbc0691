package io.zonedeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.JobQuery;
import io.zonedeck.compute.JobService;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.NicRequest;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.AgentClient;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.tenancy.TenantService;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * The compute benchmarks of docs/benchmarks.md (numbers printed and appended to target/benchmarks/compute.txt,
 * never asserted): 1000 creates over 10 sim nodes against a bare agent call, and the machines grid's server time
 * with 100 000 machines. Not part of the test suite (its name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -o -q test -Dtest=ComputeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(
        properties = {
            "zonedeck.demo.nodes=10",
            "zonedeck.demo.machines=0",
            "zonedeck.demo.provision-seconds=0",
            "zonedeck.jobs.poll-millis=500",
            "spring.datasource.url=jdbc:h2:file:${java.io.tmpdir}/zd-bench-${random.uuid};AUTO_SERVER=FALSE",
            "zonedeck.test.database=h2", // its figures have been on H2; ClusterBenchmark measures PostgreSQL
            "logging.level.io.zonedeck=warn"
        })
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeBenchmark {
    static final int CREATES = 1000;
    static final Path OUT = Path.of("target/benchmarks/compute.txt");

    @Autowired
    MachineService machines;

    @Autowired
    JobService jobs;

    @Autowired
    NodeRegistry nodes;

    @Autowired
    NetworkService networks;

    @Autowired
    TenantService tenants;

    @Autowired
    io.zonedeck.catalog.CatalogService catalog;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecurityContextHolderStrategy securityStrategy;

    @BeforeEach
    void setUp() {
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @Order(1)
    void bare_agent_create_calls() throws Exception {
        Agent agent = Agent.start(AgentConfig.sim("bench-bare", "bench-secret").withProvisionSeconds(0));
        try {
            AgentClient client = new AgentClient(
                    HttpClient.newHttpClient(), "http://127.0.0.1:" + agent.port(), "bench-bare", "bench-secret");
            for (int i = 0; i < 20; i++) { // warm-up (the sim node holds 1024 machines of 1 GiB)
                client.create(payload(UUID.randomUUID(), "warm-" + i, i));
            }
            long[] nanos = new long[CREATES];
            for (int i = 0; i < CREATES; i++) {
                CreatePayload p = payload(UUID.randomUUID(), "bare-" + i, i);
                long t0 = System.nanoTime();
                client.create(p);
                nanos[i] = System.nanoTime() - t0;
            }
            report("bare agent create call (HTTP, sequential, " + CREATES + ")", nanos);
        } finally {
            agent.close();
        }
    }

    @Test
    @Order(2)
    void a_thousand_creates_over_ten_nodes() throws Exception {
        As.signIn(users, "operator");
        networks.create("bench", "external", 0, "10.210.0.0/20", "10.210.0.1", "10.210.0.10", "10.210.15.250");
        catalog.createPackage("bench-tiny", 128, 1, 1, 10, 10, 10, 100);
        SecurityContextHolder.clearContext();
        As.signIn(users, "alice");
        for (int i = 0; i < 50; i++) { // warm-up (not counted; deleted nowhere: they take room like the rest)
            machines.create(request("warm-" + i));
        }
        awaitNoActiveJobs(Duration.ofSeconds(120));
        // the portal's own time per create: validation, placement, address, rows, job admission (sequential)
        long[] nanos = new long[CREATES / 2];
        for (int i = 0; i < nanos.length; i++) {
            CreateMachineRequest r = request("seq-" + i);
            long t0 = System.nanoTime();
            machines.create(r);
            nanos[i] = System.nanoTime() - t0;
        }
        report("portal create acceptance (service layer, sequential, " + nanos.length + ")", nanos);
        awaitNoActiveJobs(Duration.ofSeconds(300));

        // wall time: the other half, 8 clients at once, until every machine runs
        Supplier<SecurityContextHolderStrategy> strategy = () -> securityStrategy;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Instant start = Instant.now();
        List<Future<Accepted>> futures = new ArrayList<>();
        for (int i = 0; i < CREATES / 2; i++) {
            String name = "par-" + i;
            futures.add(pool.submit(() -> {
                SecurityContextHolder.setContextHolderStrategy(strategy.get());
                return As.user(users, "alice", () -> machines.create(request(name)));
            }));
        }
        for (Future<Accepted> f : futures) {
            f.get();
        }
        Duration accepted = Duration.between(start, Instant.now());
        awaitNoActiveJobs(Duration.ofSeconds(300));
        Duration running = Duration.between(start, Instant.now());
        pool.shutdown();
        line(String.format(
                "%d creates by 8 clients: all accepted after %.2f s, all running after %.2f s",
                CREATES / 2, accepted.toMillis() / 1000.0, running.toMillis() / 1000.0));
        line(String.format(
                "sequential %d + parallel %d: total %d creates, %d machines running",
                CREATES / 2, CREATES / 2, CREATES, countRunning()));
        As.signIn(users, "operator");
        Map<String, Long> perNode = machines.page(MachineQuery.all(), 0, 1000).stream()
                .collect(Collectors.groupingBy(m -> String.valueOf(m.nodeName()), Collectors.counting()));
        List<Long> counts = new ArrayList<>(perNode.values());
        Collections.sort(counts);
        line("placement spread over " + perNode.size() + " nodes (first 1000 machines): min " + counts.get(0) + ", max "
                + counts.get(counts.size() - 1) + " " + perNode);
        SecurityContextHolder.clearContext();
    }

    @Test
    @Order(3)
    void the_machines_grid_with_a_hundred_thousand_machines() {
        As.signIn(users, "operator");
        UUID acme = tenants.list().stream()
                .filter(t -> t.name().equals("acme"))
                .findFirst()
                .orElseThrow()
                .id();
        UUID globex = tenants.list().stream()
                .filter(t -> t.name().equals("globex"))
                .findFirst()
                .orElseThrow()
                .id();
        Map<String, Object> sample = jdbc.queryForMap("select image_id, package_id, network_id from machine limit 1");
        int existing = machines.count();
        int target = 100_000;
        Instant t0 = Instant.now();
        List<Object[]> batch = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofDays(30));
        String[] states = {"running", "running", "running", "stopped", "failed"};
        for (int i = existing; i < target; i++) {
            batch.add(new Object[] {
                UUID.randomUUID(),
                i % 2 == 0 ? acme : globex,
                "bulk-" + i,
                "joyent",
                sample.get("image_id"),
                sample.get("package_id"),
                sample.get("network_id"),
                states[i % states.length],
                "10." + (100 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256),
                512,
                10,
                25,
                Timestamp.from(base.plusSeconds(i)),
                Timestamp.from(base.plusSeconds(i)),
                "{\"role\":\"" + (i % 10 == 0 ? "db" : "web") + "\"}"
            });
            if (batch.size() == 5000) {
                insert(batch);
            }
        }
        insert(batch);
        line(String.format(
                "inserted %d machines in %.1f s",
                target - existing, Duration.between(t0, Instant.now()).toMillis() / 1000.0));
        int total = machines.count();
        line("machines: " + total);
        time("operator: count", () -> machines.count(MachineQuery.all()));
        time("operator: first page (50, newest first)", () -> machines.page(MachineQuery.all(), 0, 50));
        time(
                "operator: deep page (offset " + (total - 50) + ")",
                () -> machines.page(MachineQuery.all(), total - 50, 50));
        time(
                "operator: sorted by name, page at 50 000",
                () -> machines.page(MachineQuery.all().sorted("name", false), 50_000, 50));
        time(
                "operator: search 'bulk-4242'",
                () -> machines.page(MachineQuery.all().withSearch("bulk-4242"), 0, 50));
        time(
                "operator: filter tag role=db + state running",
                () -> machines.page(MachineQuery.all().withTag("role=db").withState("running"), 0, 50));
        SecurityContextHolder.clearContext();
        As.signIn(users, "alice");
        int mine = machines.count();
        time("tenant (alice, " + mine + " machines): first page", () -> machines.page(MachineQuery.all(), 0, 50));
        time("tenant: deep page (offset " + (mine - 50) + ")", () -> machines.page(MachineQuery.all(), mine - 50, 50));
        time("tenant: count", () -> machines.count(MachineQuery.all()));
        time("tenant: jobs page", () -> jobs.page(JobQuery.all(), 0, 50));
        SecurityContextHolder.clearContext();
    }

    void insert(List<Object[]> batch) {
        jdbc.batchUpdate(
                "insert into machine (id, tenant_id, name, brand, image_id, package_id, network_id, state, ip, ram_mib,"
                        + " disk_gib, cpu_cap, created_at, updated_at, tags) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                batch);
        batch.clear();
    }

    void time(String what, Supplier<?> call) {
        for (int i = 0; i < 5; i++) {
            call.get();
        }
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - t0;
        }
        report("grid " + what, nanos);
    }

    CreateMachineRequest request(String name) {
        return new CreateMachineRequest(
                null,
                name,
                "joyent",
                "base-64-lts",
                "bench-tiny",
                null,
                List.of(new NicRequest("bench")),
                null,
                null,
                null,
                null);
    }

    static CreatePayload payload(UUID id, String alias, int i) {
        return new CreatePayload(
                id,
                "joyent",
                alias,
                UUID.randomUUID(),
                32L,
                1L,
                10,
                10,
                10,
                100,
                null,
                List.of(new Nic(
                        "external",
                        List.of("10.77." + (i / 250) + "." + (i % 250 + 2) + "/16"),
                        List.of("10.77.0.1"),
                        0,
                        true)),
                Map.of(),
                Map.of());
    }

    void awaitNoActiveJobs(Duration max) {
        Eventually.until(
                max,
                () -> As.user(users, "operator", () -> jobs.count(new JobQuery("active", null, null))),
                n -> n == 0,
                "no active jobs");
        As.signIn(users, "alice");
    }

    int countRunning() {
        return As.user(
                users, "operator", () -> machines.count(MachineQuery.all().withState("running")));
    }

    static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double p50 = s[s.length / 2] / 1e6;
        double p99 = s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6;
        double max = s[s.length - 1] / 1e6;
        line(String.format("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms", what, p50, p99, max));
    }

    static void line(String s) {
        System.out.println("BENCH " + s);
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, s + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        assertThat(CREATES).isEven();
    }
}
