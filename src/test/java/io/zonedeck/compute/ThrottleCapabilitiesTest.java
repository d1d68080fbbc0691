package io.zonedeck.compute;

import static io.zonedeck.compute.ThrottleBoundsTest.ADMIN;
import static io.zonedeck.compute.ThrottleBoundsTest.OPERATOR;
import static io.zonedeck.compute.ThrottleBoundsTest.SMALL;
import static io.zonedeck.compute.ThrottleBoundsTest.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A throttle the machine's node does not enforce is neither offered nor accepted; the rest work as before. */
class ThrottleCapabilitiesTest {
    /** What the linux driver enforces on this host: everything but zfs_io_priority. */
    static final NodeCapabilities LINUX = new NodeCapabilities(
            List.of("joyent", "joyent-minimal", "lx"),
            Set.of(
                    "cpu_cap",
                    "cpu_shares",
                    "cpu_baseline",
                    "cpu_burst_seconds",
                    "disk_bps_max",
                    "disk_iops_max",
                    "max_physical_memory",
                    "max_lwps"),
            Set.of("cpu", "memory"),
            Set.of(),
            true,
            false,
            List.of());

    final NodeRegistry registry = mock(NodeRegistry.class);
    final NodeAbilities abilities = new NodeAbilities(registry);
    final Node cn9 = new Node(UUID.randomUUID(), "cn-9", "http://x", NodeState.ONLINE, null, "linux", 4, 8192, 100);

    {
        when(registry.find(cn9.id())).thenReturn(Optional.of(cn9));
        when(registry.capabilities(cn9.id())).thenReturn(Optional.of(LINUX));
    }

    @Test
    void an_unenforced_throttle_is_refused_on_its_field_naming_the_node_and_driver_and_nothing_is_applied() {
        MachineEntity m = machine("joyent");
        long before = m.zfsIoPriority;
        ThrottleRequest r = ThrottleRequest.of(Map.of("zfs_io_priority", 50L, "cpu_cap", 20L));
        assertThatThrownBy(() -> ThrottleRules.check(r, m, SMALL, OPERATOR, abilities.of(cn9.id(), OPERATOR)))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("zfs_io_priority");
                        assertThat(p.code()).isEqualTo("NotSupported");
                        assertThat(p.message())
                                .isEqualTo("zfs_io_priority is not enforced on node cn-9 (linux driver)");
                    });
                });
        assertThat(m.zfsIoPriority).isEqualTo(before);
        assertThat(ThrottleRules.check(
                        ThrottleRequest.of(Map.of("cpu_cap", 20L)),
                        m,
                        SMALL,
                        OPERATOR,
                        abilities.of(cn9.id(), OPERATOR)))
                .containsEntry("cpu_cap", 20L);
    }

    @Test
    void a_tenant_is_told_about_the_machines_node_without_its_name() {
        MachineEntity m = machine("joyent");
        assertThatThrownBy(() -> ThrottleRules.check(
                        ThrottleRequest.of(Map.of("zfs_io_priority", 50L)),
                        m,
                        SMALL,
                        ADMIN,
                        abilities.of(cn9.id(), ADMIN)))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class,
                        e -> assertThat(e.errors().get(0).message())
                                .isEqualTo("zfs_io_priority is not enforced on this machine's node (linux driver)")
                                .doesNotContain("cn-9"));
    }

    @Test
    void the_view_marks_each_throttle_enforced_or_not() {
        MachineEntity m = machine("joyent");
        MachineThrottles t = ThrottleRules.view(m, SMALL, OPERATOR, abilities.of(cn9.id(), OPERATOR));
        assertThat(t.get("zfs_io_priority").enforced()).isFalse();
        assertThat(t.get("zfs_io_priority").notEnforced())
                .isEqualTo("zfs_io_priority is not enforced on node cn-9 (linux driver)");
        assertThat(t.throttles())
                .filteredOn(MachineThrottles.Throttle::enforced)
                .hasSize(8);
        assertThat(t.get("cpu_cap").notEnforced()).isNull();
    }

    @Test
    void a_node_that_has_not_answered_or_advertises_nothing_new_enforces_everything() {
        UUID silent = UUID.randomUUID();
        MachineThrottles t = ThrottleRules.view(machine("joyent"), SMALL, OPERATOR, abilities.of(silent, OPERATOR));
        assertThat(t.throttles()).allMatch(MachineThrottles.Throttle::enforced);
        // an agent older than v1.3: everything of its brands
        NodeInfo old = new NodeInfo("old", "old", "sim", "0.9", "1.2", 4, 8192, 100, 0, 0, 0, List.of("joyent"));
        assertThat(old.effectiveCapabilities().throttles()).isEqualTo(NodeCapabilities.ALL_THROTTLES);
        assertThat(old.effectiveCapabilities().measures("io_delay")).isTrue();
        assertThat(old.effectiveCapabilities().snapshots()).isTrue();
    }

    @Test
    void snapshots_are_refused_by_a_node_without_them_naming_it() {
        NodeAbilities.Ability a = abilities.of(cn9.id(), OPERATOR);
        assertThat(a.snapshots()).isFalse();
        assertThat(a.noSnapshots()).isEqualTo("Snapshots are not supported on node cn-9 (linux driver)");
    }
}
