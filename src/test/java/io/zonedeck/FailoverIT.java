package io.zonedeck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.failover.CreatePairRequest;
import io.zonedeck.failover.FailoverPair;
import io.zonedeck.failover.FailoverRecord;
import io.zonedeck.failover.FailoverService;
import io.zonedeck.failover.Vrrp;
import io.zonedeck.security.UserService;
import io.zonedeck.support.Api;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * VRRP pairs end to end on the sim datacenter: routers on two sim nodes sharing one simulated LAN, driven
 * through the portal's service layer, observed the way the UI observes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class FailoverIT {
    static final Duration JOB = Duration.ofSeconds(30);

    @Autowired
    FailoverService pairs;

    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    @Autowired
    org.springframework.security.core.context.SecurityContextHolderStrategy securityStrategy;

    /**
     * Several Spring contexts share this JVM and each installs its own (Vaadin-aware) strategy in the static
     * holder; method security of this context reads this context's one.
     */
    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurityStrategy() {
        SecurityContextHolder.setContextHolderStrategy(securityStrategy);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private MachineSummary machine(String name, String brand, String image) {
        As.signIn(users, "alice");
        Accepted a = machines.create(new CreateMachineRequest(name, brand, image, "g1-nano"));
        Eventually.until(JOB, () -> machines.job(a.job().id()).orElseThrow(), j -> !j.active(), name + " create");
        As.signIn(users, "operator");
        return machines.get(a.machine().id());
    }

    /** Two fresh acme zones on different nodes. */
    private List<MachineSummary> twoZonesOnTwoNodes(String prefix) {
        MachineSummary first = machine(prefix + "-1", "joyent", "base-64-lts");
        for (int i = 2; i < 6; i++) {
            MachineSummary next = machine(prefix + "-" + i, "joyent", "base-64-lts");
            if (!next.nodeId().equals(first.nodeId())) {
                return List.of(first, next);
            }
        }
        throw new AssertionError("placement never used a second node");
    }

    private FailoverPair awaitMasterAndBackup(UUID id) {
        return Eventually.until(
                Duration.ofSeconds(10),
                () -> pairs.get(id),
                p -> p.members().stream()
                        .map(FailoverPair.Member::state)
                        .sorted()
                        .toList()
                        .equals(List.of("BACKUP", "MASTER")),
                "one MASTER and one BACKUP");
    }

    @Test
    void a_pair_elects_a_master_and_fails_over_when_the_masters_node_dies() {
        List<MachineSummary> zones = twoZonesOnTwoNodes("ha");
        As.signIn(users, "alice");
        FailoverPair pair = pairs.create(new CreatePairRequest(
                "ha-vip", zones.get(0).name(), zones.get(1).name(), null, null, 200, 100, 1000, true, true));
        assertThat(pair.mac()).startsWith("00:00:5e:00:01:");
        FailoverPair healthy = awaitMasterAndBackup(pair.id());
        assertThat(healthy.master().orElseThrow().name()).isEqualTo("ha-1");

        As.signIn(users, "operator");
        long failedAt = System.currentTimeMillis();
        pairs.failMasterNode(pair.id());
        FailoverPair after = Eventually.until(
                Duration.ofSeconds(10),
                () -> pairs.get(pair.id()),
                p -> p.master().map(m -> m.name().equals("ha-2")).orElse(false),
                "ha-2 to become MASTER");
        long seenAfter = System.currentTimeMillis() - failedAt;
        double mdi = Vrrp.masterDownMillis(100, 1000);
        assertThat((double) seenAfter)
                .as("portal shows the failover within MDI + 1 s")
                .isLessThan(mdi + 1000);
        assertThat(after.members()).filteredOn(FailoverPair.Member::isMaster).hasSize(1);

        FailoverRecord last = pairs.history(pair.id()).get(0);
        assertThat(last.to()).isEqualTo("ha-2");
        assertThat(last.from()).isEqualTo("ha-1");
        assertThat(last.durationMs()).isBetween((long) mdi - 50, (long) mdi + 1000);
        pairs.recoverNodes(pair.id());
    }

    @Test
    void graceful_switchover_moves_the_master_within_skew_time_plus_one_second() {
        List<MachineSummary> zones = twoZonesOnTwoNodes("sw");
        As.signIn(users, "alice");
        FailoverPair pair = pairs.create(new CreatePairRequest(
                "sw-vip", zones.get(0).name(), zones.get(1).name(), null, null, 200, 100, 1000, true, true));
        String before = awaitMasterAndBackup(pair.id()).master().orElseThrow().name();
        long t0 = System.currentTimeMillis();
        pairs.switchover(pair.id());
        FailoverPair after = Eventually.until(
                Duration.ofSeconds(5),
                () -> pairs.get(pair.id()),
                p -> p.master().map(m -> !m.name().equals(before)).orElse(false)
                        && p.members().stream().anyMatch(m -> m.state().equals("BACKUP")),
                "the other member to become MASTER");
        assertThat((double) (System.currentTimeMillis() - t0)).isLessThan(Vrrp.skewMillis(200, 1000) + 1000);
        assertThat(after.master().orElseThrow().priority()).isEqualTo(200);
        assertThat(pairs.history(pair.id()).get(0).durationMs()).isLessThan(1000L);
    }

    @Test
    void every_rule_has_its_own_field_error_and_nothing_is_created() {
        List<MachineSummary> zones = twoZonesOnTwoNodes("rule");
        MachineSummary vm = machine("rule-vm", "kvm", "ubuntu-24.04-kvm");
        MachineSummary sameNode = machine("rule-same", "joyent", "base-64-lts");
        MachineSummary partner = sameNode.nodeId().equals(zones.get(0).nodeId()) ? zones.get(0) : zones.get(1);
        As.signIn(users, "alice");
        int before = pairs.list().size();

        assertField(
                new CreatePairRequest("p1", sameNode.name(), partner.name(), null, null, null, null, null, null, null),
                "machineB",
                "ConflictingParameters");
        assertField(
                new CreatePairRequest("p2", vm.name(), zones.get(1).name(), null, null, null, null, null, null, null),
                "machineA",
                "Invalid");
        assertField(
                new CreatePairRequest("p3", zones.get(0).name(), "nope", null, null, null, null, null, null, null),
                "machineB",
                "NotFound");
        assertField(
                new CreatePairRequest(
                        "p4", zones.get(0).name(), zones.get(1).name(), 300, null, 0, null, 5, null, null),
                "vrid",
                "Invalid");
        assertField(
                new CreatePairRequest(
                        "", zones.get(0).name(), zones.get(1).name(), null, null, null, null, null, null, null),
                "name",
                "MissingParameter");
        assertField(
                new CreatePairRequest(
                        "p5",
                        zones.get(0).name(),
                        zones.get(1).name(),
                        null,
                        "192.168.1.1",
                        null,
                        null,
                        null,
                        null,
                        null),
                "vip",
                "Invalid");
        FailoverPair ok = pairs.create(new CreatePairRequest(
                "p6", zones.get(0).name(), zones.get(1).name(), 77, null, null, null, null, null, null));
        assertField(
                new CreatePairRequest(
                        "p7", zones.get(0).name(), zones.get(1).name(), 77, null, null, null, null, null, null),
                "vrid",
                "Duplicate");
        assertThat(pairs.list()).hasSize(before + 1);

        As.signIn(users, "bob");
        assertThat(pairs.find(ok.id())).isEmpty();
        assertThat(pairs.list()).extracting(FailoverPair::name).doesNotContain("p6");
        assertThatThrownBy(() -> pairs.switchover(ok.id()))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
        As.signIn(users, "alice");
        UUID member = zones.get(0).id();
        assertThatThrownBy(() -> machines.delete(member)).isInstanceOfSatisfying(ZoneDeckException.class, e -> {
            assertThat(e.code()).isEqualTo("InUse");
            assertThat(e.getMessage()).contains("p6");
        });
        assertThat(machines.activeJob(member)).isEmpty();
        pairs.delete(ok.id());
        assertThat(pairs.find(ok.id())).isEmpty();
        assertThat(machines.delete(member).action()).isEqualTo("delete");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void pairs_over_rest_create_read_switch_over_disable_and_delete() throws Exception {
        List<MachineSummary> zones = twoZonesOnTwoNodes("api");
        Api api = new Api(port);
        java.util.function.BiFunction<String, String[], java.net.http.HttpResponse<String>> call =
                (user, req) -> api.call(user, req[0], req[1], req.length > 2 ? req[2] : null);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var created = call.apply("alice", new String[] {
            "POST",
            "/api/v1/failover-pairs",
            "{\"name\":\"api-vip\",\"machineA\":\"" + zones.get(0).name() + "\",\"machineB\":\""
                    + zones.get(1).name() + "\",\"intervalMs\":200}"
        });
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asText();
        assertThat(json.readTree(call.apply("alice", new String[] {"GET", "/api/v1/failover-pairs"})
                                .body())
                        .findValuesAsText("id"))
                .contains(id);
        Eventually.until(
                Duration.ofSeconds(10),
                () -> call.apply("alice", new String[] {"GET", "/api/v1/failover-pairs/" + id})
                        .body(),
                b -> b.contains("\"MASTER\"") && b.contains("\"BACKUP\""),
                "api-vip elected");
        assertThat(call.apply("alice", new String[] {"POST", "/api/v1/failover-pairs/" + id + "/switchover"})
                        .statusCode())
                .isEqualTo(200);
        Eventually.until(
                Duration.ofSeconds(5),
                () -> pairs.history(UUID.fromString(id)),
                h -> !h.isEmpty() && h.get(0).to().equals(zones.get(1).name()),
                "switchover recorded");

        As.signIn(users, "alice");
        FailoverPair disabled =
                pairs.setMemberEnabled(UUID.fromString(id), zones.get(0).id(), false);
        assertThat(disabled.members().get(0).state()).isEqualTo("disabled");
        pairs.setMemberEnabled(UUID.fromString(id), zones.get(0).id(), true);

        var invalid = call.apply("alice", new String[] {"POST", "/api/v1/failover-pairs", "{\"name\":\"x\"}"});
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json.readTree(invalid.body()).get("errors").findValuesAsText("field"))
                .contains("machineA", "machineB");
        assertThat(call.apply("alice", new String[] {"POST", "/api/v1/failover-pairs", "{oops"})
                        .statusCode())
                .isEqualTo(400);
        assertThat(call.apply("bob", new String[] {"GET", "/api/v1/failover-pairs/" + id})
                        .statusCode())
                .isEqualTo(404);
        assertThat(call.apply("bob", new String[] {"DELETE", "/api/v1/failover-pairs/" + id})
                        .statusCode())
                .isEqualTo(404);
        assertThat(call.apply("alice", new String[] {"DELETE", "/api/v1/failover-pairs/" + id})
                        .statusCode())
                .isEqualTo(204);
        assertThat(call.apply("alice", new String[] {"GET", "/api/v1/failover-pairs/" + id})
                        .statusCode())
                .isEqualTo(404);
    }

    private void assertField(CreatePairRequest req, String field, String code) {
        assertThatThrownBy(() -> pairs.create(req))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.errors()).as(e.getMessage()).anySatisfy(f -> {
                            assertThat(f.field()).isEqualTo(field);
                            assertThat(f.code()).isEqualTo(code);
                        }));
    }
}
