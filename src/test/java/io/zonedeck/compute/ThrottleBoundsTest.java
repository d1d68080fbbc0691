package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.security.Caller;
import io.zonedeck.security.Roles;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may set which throttle to what, without a database. */
class ThrottleBoundsTest {
    static final UUID TENANT = UUID.randomUUID();
    static final MachinePackage SMALL =
            new MachinePackage(UUID.randomUUID(), "g1-small", 1024, 25, 1, 50, 100, 100, 1000);
    static final Caller OPERATOR = new Caller(UUID.randomUUID(), "operator", Roles.OPERATOR, null);
    static final Caller ADMIN = new Caller(UUID.randomUUID(), "alice", Roles.TENANT_ADMIN, TENANT);
    static final Caller USER = new Caller(UUID.randomUUID(), "bob", Roles.TENANT_USER, TENANT);

    static MachineEntity machine(String brand) {
        MachineEntity m = new MachineEntity();
        m.id = UUID.randomUUID();
        m.tenantId = TENANT;
        m.brand = brand;
        MachineResources.apply(SMALL, m);
        return m;
    }

    static ThrottleRequest request(Map<String, Long> values) {
        return ThrottleRequest.of(values);
    }

    static Map<String, String> problems(ThrottleRequest r, MachineEntity m, Caller c) {
        try {
            ThrottleRules.check(r, m, SMALL, c);
            return Map.of();
        } catch (ZoneDeckException e) {
            assertThat(e.status()).isIn(409, 422);
            Map<String, String> out = new java.util.HashMap<>();
            e.errors().forEach(p -> out.put(p.field(), p.code()));
            return out;
        }
    }

    @Test
    void a_tenant_admin_stays_within_the_package() {
        MachineEntity m = machine("joyent");
        assertThat(problems(request(Map.of("cpu_cap", 50L, "cpu_shares", 100L, "max_lwps", 500L)), m, ADMIN))
                .isEmpty();
        assertThat(problems(
                        request(Map.of(
                                "cpu_cap", 51L,
                                "cpu_shares", 101L,
                                "zfs_io_priority", 101L,
                                "max_physical_memory", 1025L,
                                "max_lwps", 1001L)),
                        m,
                        ADMIN))
                .containsOnlyKeys("cpu_cap", "cpu_shares", "zfs_io_priority", "max_physical_memory", "max_lwps");
        assertThat(problems(request(Map.of("cpu_cap", 0L)), m, ADMIN)).containsOnlyKeys("cpu_cap"); // uncapping
        // baseline, burst and the disk throttle are free within the cap
        assertThat(problems(
                        request(Map.of(
                                "cpu_baseline", 30L,
                                "cpu_burst_seconds", 600L,
                                "disk_bps_max", 1L << 30,
                                "disk_iops_max", 10_000L)),
                        m,
                        ADMIN))
                .isEmpty();
    }

    @Test
    void an_operator_may_set_any_valid_value_but_not_an_invalid_one() {
        MachineEntity m = machine("joyent");
        assertThat(problems(request(Map.of("cpu_cap", 0L, "cpu_shares", 60_000L, "max_lwps", 50_000L)), m, OPERATOR))
                .isEmpty();
        assertThat(problems(
                        request(Map.of(
                                "cpu_cap", 6401L,
                                "cpu_shares", 0L,
                                "zfs_io_priority", 16_384L,
                                "cpu_burst_seconds", 86_401L,
                                "max_physical_memory", 32L,
                                "max_lwps", 99L,
                                "disk_bps_max", -1L)),
                        m,
                        OPERATOR))
                .containsOnlyKeys(
                        "cpu_cap",
                        "cpu_shares",
                        "zfs_io_priority",
                        "cpu_burst_seconds",
                        "max_physical_memory",
                        "max_lwps",
                        "disk_bps_max");
    }

    @Test
    void a_baseline_needs_a_cap_above_it_and_is_named_where_it_was_changed() {
        MachineEntity m = machine("joyent");
        assertThat(problems(request(Map.of("cpu_baseline", 60L)), m, ADMIN))
                .containsEntry("cpu_baseline", "ConflictingParameters");
        m.cpuBaseline = 40;
        assertThat(problems(request(Map.of("cpu_cap", 30L)), m, ADMIN))
                .containsEntry("cpu_cap", "ConflictingParameters");
        assertThat(problems(request(Map.of("cpu_cap", 0L)), m, OPERATOR))
                .containsEntry("cpu_cap", "ConflictingParameters");
        assertThat(problems(request(Map.of("cpu_cap", 0L, "cpu_baseline", 0L)), m, OPERATOR))
                .isEmpty();
    }

    @Test
    void a_hardware_vms_memory_is_not_a_live_throttle() {
        MachineEntity vm = machine("bhyve");
        assertThat(problems(request(Map.of("max_physical_memory", 512L)), vm, OPERATOR))
                .containsOnlyKeys("max_physical_memory");
        assertThat(problems(request(Map.of("max_physical_memory", 1024L, "cpu_cap", 20L)), vm, ADMIN))
                .isEmpty(); // unchanged memory is no change
    }

    @Test
    void a_tenant_user_is_forbidden_and_an_empty_request_is_invalid() {
        MachineEntity m = machine("joyent");
        assertThatThrownBy(() -> ThrottleRules.check(request(Map.of("cpu_cap", 10L)), m, SMALL, USER))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("Forbidden");
                });
        assertThat(problems(request(Map.of()), m, ADMIN)).containsOnlyKeys("throttles");
    }

    @Test
    void the_view_shows_defaults_overrides_and_the_callers_range() {
        MachineEntity m = machine("joyent");
        m.cpuCap = 30;
        m.diskIopsMax = 500;
        MachineThrottles admin = ThrottleRules.view(m, SMALL, ADMIN);
        assertThat(admin.get("cpu_cap")).isEqualTo(new MachineThrottles.Throttle("cpu_cap", 30, 50, true, 1, 50));
        assertThat(admin.get("disk_iops_max").overridden()).isTrue();
        assertThat(admin.get("cpu_shares").overridden()).isFalse();
        assertThat(admin.mayChange()).isTrue();
        assertThat(admin.boundedByPackage()).isTrue();
        MachineThrottles op = ThrottleRules.view(m, SMALL, OPERATOR);
        assertThat(op.get("cpu_cap").max()).isEqualTo(6400);
        assertThat(op.get("cpu_cap").min()).isZero();
        assertThat(ThrottleRules.view(m, SMALL, USER).mayChange()).isFalse();
        assertThat(admin.throttles())
                .extracting(MachineThrottles.Throttle::property)
                .isEqualTo(MachineThrottles.PROPERTIES);
    }

    @Test
    void apply_payload_and_restore_round_trip() {
        MachineEntity m = machine("joyent");
        Map<String, Long> wanted = request(Map.of("cpu_cap", 20L, "max_physical_memory", 4096L, "disk_bps_max", 7L))
                .asMap();
        // as the job row stores them
        JobParams.Throttle params =
                (JobParams.Throttle) JobParams.read("throttle", JobParams.write(ThrottleRules.params(m, wanted)));
        ThrottleRules.apply(wanted, m);
        assertThat(m.cpuCap).isEqualTo(20);
        assertThat(m.ramMiB).isEqualTo(4096);
        assertThat(m.maxSwapMiB).isGreaterThanOrEqualTo(4096);
        UpdatePayload u = ThrottleRules.payload(wanted);
        assertThat(List.of(u.cpuCap(), u.maxPhysicalMemory(), u.diskBpsMax())).containsExactly(20, 4096L, 7L);
        assertThat(u.cpuShares()).isNull();
        ThrottleRules.restore(params, m);
        assertThat(m.cpuCap).isEqualTo(50);
        assertThat(m.ramMiB).isEqualTo(1024);
        assertThat(m.maxSwapMiB).isEqualTo(2048);
        assertThat(m.diskBpsMax).isZero();
    }
}
