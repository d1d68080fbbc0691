package io.zonedeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.support.RestTestBase;
import io.zonedeck.support.TestDatabase;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Two portal instances on one PostgreSQL: this test's Spring context (B, with the demo datacenter and its sim agents,
 * which outlive A) and a portal process of its own (A) that the test kills with {@code kill -9}. They share the
 * nodes' leases, one quota, one job queue; what one acknowledges the other can finish.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"zonedeck.test.database=given", "zonedeck.metering.flush-interval=1s"})
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends RestTestBase {
    static final String URL = TestDatabase.createDatabase();
    static PortalProcess a;
    static String meteredMachine;
    static long meteredBefore;
    static long meteredSince;
    static Haproxy haproxy;
    /** A runs without the demo profile (B seeded the datacenter) but signs in the demo's users as B does. */
    static final String[] DEMO_USERS = {"--zonedeck.demo.enabled=true", "--zonedeck.metering.flush-interval=1s"};

    /** A boots while this JVM's context (B) starts and seeds: both migrate under Flyway's lock, A waits for nodes. */
    static java.util.concurrent.CompletableFuture<PortalProcess> booting;

    @DynamicPropertySource
    static void sharedDatabase(DynamicPropertyRegistry r) {
        if (booting == null) {
            booting = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> new PortalProcess("a", URL, DEMO_USERS).start());
        }
        r.add("spring.datasource.url", () -> URL);
        r.add("spring.datasource.username", () -> "postgres");
        r.add("spring.datasource.password", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.zonedeck.base.PortalInstance me;

    @Autowired
    NodeRegistry nodes;

    @Autowired
    UserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    QuotaService quotas;

    @AfterAll
    static void stopA() throws InterruptedException {
        if (haproxy != null) {
            haproxy.close();
        }
        if (a == null && booting != null) {
            a = booting.join();
        }
        if (a != null) {
            a.close();
        }
    }

    Api onA() {
        if (a == null) {
            a = booting.join();
        }
        return a.api();
    }

    Set<String> holders() {
        return new HashSet<>(jdbc.queryForList("select holder from node_lease where expires_at > now()", String.class));
    }

    @Test
    @Order(1)
    void a_second_instance_takes_a_share_of_the_nodes_and_each_sees_what_the_other_creates_within_two_seconds() {
        Api a = onA();
        Eventually.until(Duration.ofSeconds(20), this::holders, h -> h.size() == 2, "both instances to hold leases");
        System.out.println("cluster: leases held by " + holders());
        // metering is checked over the next tests (no sleep of its own)
        meteredMachine = jdbc.queryForObject(
                "select cast(machine_id as varchar) from usage_hour order by last_sample_at desc limit 1",
                String.class);
        meteredBefore = samples(meteredMachine);
        meteredSince = System.currentTimeMillis();

        JsonNode made = Api.json(a.call("alice", "POST", "/api/v1/machines", create("on-a")));
        String id = made.path("machine").path("id").asText();
        long t0 = System.nanoTime();
        Eventually.until(
                Duration.ofSeconds(2),
                () -> api.call("alice", "GET", "/api/v1/machines/" + id, null).statusCode(),
                s -> s == 200,
                "B to see the machine A created");
        System.out.println("cluster: created on A, seen on B after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        JsonNode job = Eventually.until(
                Duration.ofSeconds(30),
                () -> Api.json(api.call(
                        "alice",
                        "GET",
                        "/api/v1/jobs/" + made.path("job").path("id").asText(),
                        null)),
                j -> j.path("state").asText().equals("succeeded"),
                "the create to succeed, wherever it runs");
        assertThat(job.path("steps")).isNotEmpty();

        HttpResponse<String> renamed =
                api.call("alice", "POST", "/api/v1/machines/" + id + "/rename", "{\"name\":\"renamed-on-b\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(202);
        Eventually.until(
                Duration.ofSeconds(30),
                () -> Api.json(a.call("alice", "GET", "/api/v1/machines/" + id, null))
                        .path("name")
                        .asText(),
                "renamed-on-b"::equals,
                "A to see the rename B accepted");
    }

    @Test
    @Order(2)
    void haproxy_with_the_shipped_config_spreads_rest_keeps_browsers_sticky_and_hides_the_metrics() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Haproxy.installed() || System.getenv("ZONEDECK_REQUIRE_LINUX_DRIVER") != null,
                "HAProxy is not installed (README prerequisites)");
        onA();
        haproxy = new Haproxy(port, a.port);
        Api lb = new Api(haproxy.port);
        Eventually.until(
                Duration.ofSeconds(15),
                () -> {
                    try {
                        return lb.call(null, "GET", "/actuator/health/readiness", null)
                                .statusCode();
                    } catch (AssertionError notYet) {
                        return 0;
                    }
                },
                s -> s == 200,
                "HAProxy to see a ready portal");
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = lb.call(null, "GET", "/", null);
            r.headers().allValues("set-cookie").stream()
                    .filter(c -> c.startsWith("ZDSRV="))
                    .forEach(c -> instances.add(c.substring(6, c.indexOf(';'))));
        }
        assertThat(instances)
                .as("a browser without the cookie may land on either portal")
                .containsOnly("portal1", "portal2");
        assertThat(lb.call("operator", "GET", "/actuator/prometheus", null).statusCode())
                .isEqualTo(404);
        assertThat(lb.call("alice", "GET", "/api/v1/machines", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void fifty_parallel_creates_through_both_instances_against_a_quota_of_ten_make_exactly_ten() throws Exception {
        Tenant t = As.user(users, "operator", () -> tenants.create("duo", "duo"));
        users.create("duo-admin", "duo-admin-demo", Roles.TENANT_ADMIN, t.id());
        As.user(
                users,
                "operator",
                () -> quotas.setQuota("duo", new Quota(10L, null, null, null, null, null, null, null)));
        Api a = onA();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Api via = i % 2 == 0 ? a : api;
            String body = create("duo-" + i);
            calls.add(() -> via.call("duo-admin", "POST", "/api/v1/machines", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        int accepted = 0;
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            HttpResponse<String> res = f.get();
            if (res.statusCode() == 202) {
                accepted++;
            } else {
                assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
                assertThat(Api.json(res).path("code").asText()).isEqualTo("QuotaExceeded");
            }
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(10);
        Eventually.until(
                Duration.ofSeconds(60),
                () -> Api.json(api.call("duo-admin", "GET", "/api/v1/jobs?state=active", null))
                        .size(),
                n -> n == 0,
                "the creates to finish");
        long onNodes = nodes.all().stream()
                .flatMap(n -> nodes.client(n.id()).machines().stream())
                .filter(m -> m.alias().startsWith("duo-"))
                .count();
        assertThat(onNodes).isEqualTo(10);
    }

    @Test
    @Order(4)
    void usage_is_metered_once_and_failover_history_written_once_while_both_run() throws InterruptedException {
        onA();
        Thread.sleep(1500); // the newest second's flush
        long counted = samples(meteredMachine) - meteredBefore;
        long seconds = (System.currentTimeMillis() - meteredSince) / 1000;
        System.out.println("cluster: " + counted + " samples metered in " + seconds + " s with two instances");
        assertThat(counted).isBetween(seconds - 3, seconds + 2);
        assertThat(jdbc.queryForList(
                        "select pair_id from failover_event group by pair_id, at_time, to_machine having count(*) > 1"))
                .isEmpty();
    }

    @Test
    @Order(5)
    void killing_an_instance_right_after_it_acknowledged_creates_loses_none_and_the_other_finishes_them()
            throws Exception {
        Api a = onA();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = create("kill-" + i);
            calls.add(() -> a.call("alice", "POST", "/api/v1/machines", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<JsonNode> acknowledged = new ArrayList<>();
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            HttpResponse<String> res = f.get();
            assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
            acknowledged.add(Api.json(res));
        }
        Set<String> dead = holders();
        dead.remove(me.name());
        ClusterIT.a.kill();
        long killedAt = System.nanoTime();
        pool.shutdown();
        // A restarts at once, as a supervisor would restart it; B's takeover does not wait for it
        int portOfA = ClusterIT.a.port;
        java.util.concurrent.CompletableFuture<PortalProcess> restarted =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> new PortalProcess(portOfA, "a-restarted", URL, DEMO_USERS).start());
        if (haproxy != null) {
            Thread.sleep(3000); // two failed checks a second apart: HAProxy stops sending to A
            Api lb = new Api(haproxy.port);
            for (int i = 0; i < 10; i++) {
                assertThat(lb.call("alice", "GET", "/api/v1/machines", null).statusCode())
                        .as("through HAProxy with A dead")
                        .isEqualTo(200);
            }
        }

        assertThat(dead).as("A held leases").hasSize(1);
        Eventually.until(
                Duration.ofSeconds(20),
                this::holders,
                h -> java.util.Collections.disjoint(h, dead),
                "the killed instance's leases to be taken over");
        System.out.println("cluster: the killed instance's leases taken over "
                + (System.nanoTime() - killedAt) / 1_000_000 + " ms after A was killed");
        for (JsonNode ack : acknowledged) {
            String jobId = ack.path("job").path("id").asText();
            JsonNode job = Eventually.until(
                    Duration.ofSeconds(45),
                    () -> Api.json(api.call("alice", "GET", "/api/v1/jobs/" + jobId, null)),
                    j -> Set.of("succeeded", "failed").contains(j.path("state").asText()),
                    "job " + jobId + " of the killed instance to end on B");
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
            List<String> steps = new ArrayList<>();
            job.path("steps").forEach(s -> steps.add(s.asText()));
            assertThat(steps).as("no step twice").doesNotHaveDuplicates();
            assertThat(Api.json(api.call(
                                    "alice",
                                    "GET",
                                    "/api/v1/machines/"
                                            + ack.path("machine").path("id").asText(),
                                    null))
                            .path("state")
                            .asText())
                    .isEqualTo("running");
        }
        System.out.println("cluster: the 8 creates A acknowledged ended on B "
                + (System.nanoTime() - killedAt) / 1_000_000 + " ms after the kill");

        // A comes back: it has lost nothing and takes its share again
        ClusterIT.a = restarted.get(120, java.util.concurrent.TimeUnit.SECONDS);
        Api back = ClusterIT.a.api();
        for (JsonNode ack : acknowledged) {
            assertThat(back.call(
                                    "alice",
                                    "GET",
                                    "/api/v1/machines/"
                                            + ack.path("machine").path("id").asText(),
                                    null)
                            .statusCode())
                    .isEqualTo(200);
        }
        Eventually.until(Duration.ofSeconds(20), this::holders, h -> h.size() == 2, "the restarted A to hold leases");
    }

    @Test
    @Order(6)
    void nodes_with_room_for_n_machines_get_n_and_no_more_however_the_creates_are_spread() throws Exception {
        Api a = onA();
        JsonNode list = Api.json(api.call("operator", "GET", "/api/v1/nodes", null));
        long biggestFree = 0;
        for (JsonNode n : list) {
            biggestFree = Math.max(
                    biggestFree,
                    n.path("ramMiB").asLong() - n.path("provisionedRamMiB").asLong());
        }
        long ram = biggestFree / 3; // the roomiest node takes three, the others what their free memory allows
        int room = 0;
        for (JsonNode n : list) {
            room += (int)
                    ((n.path("ramMiB").asLong() - n.path("provisionedRamMiB").asLong()) / ram);
        }
        HttpResponse<String> pkg = api.call(
                "operator",
                "POST",
                "/api/v1/packages",
                "{\"name\":\"room-big\",\"ramMiB\":" + ram + ",\"diskGiB\":1,\"vcpus\":1,\"cpuCap\":10}");
        assertThat(pkg.statusCode()).as(pkg.body()).isEqualTo(201);

        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < room + 10; i++) {
            Api via = i % 2 == 0 ? a : api;
            String body = "{\"name\":\"room-" + i
                    + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"room-big\"}";
            calls.add(() -> via.call("alice", "POST", "/api/v1/machines", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        int accepted = 0;
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            HttpResponse<String> res = f.get();
            if (res.statusCode() == 202) {
                accepted++;
            } else {
                assertThat(Api.json(res).path("code").asText()).as(res.body()).isEqualTo("InsufficientCapacity");
            }
        }
        pool.shutdown();
        System.out.println("cluster: room for " + room + " machines of " + ram + " MiB, " + accepted + " accepted of "
                + (room + 10));
        assertThat(accepted).isEqualTo(room);
        for (JsonNode n : Api.json(api.call("operator", "GET", "/api/v1/nodes", null))) {
            assertThat(n.path("provisionedRamMiB").asLong())
                    .as("no node overfilled: " + n)
                    .isLessThanOrEqualTo(n.path("ramMiB").asLong());
        }
    }

    long samples(String machine) {
        Long n = jdbc.queryForObject(
                "select coalesce(sum(samples), 0) from usage_hour where machine_id = cast(? as uuid)",
                Long.class,
                machine);
        return n == null ? 0 : n;
    }

    static String create(String name) {
        return "{\"name\":\"" + name + "\",\"brand\":\"joyent\",\"image\":\"base-64-lts\",\"package\":\"g1-nano\"}";
    }
}
