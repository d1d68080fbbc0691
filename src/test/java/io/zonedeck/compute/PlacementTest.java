package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {
    final NodeRegistry nodes = mock(NodeRegistry.class);
    final MachineRepository machines = mock(MachineRepository.class);
    final Placement placement = new Placement(nodes, machines);
    final MachinePackage pkg = new MachinePackage(UUID.randomUUID(), "g1-medium", 4096, 50, 2, 100, 100, 100, 2000);

    private Node node(String name, NodeState state, long ramUsed, long diskUsed, List<String> brands) {
        Node n = new Node(UUID.randomUUID(), name, "http://x", state, null, "sim", 16, 16384, 200);
        when(machines.ramOnNode(n.id())).thenReturn(ramUsed);
        when(machines.diskOnNode(n.id())).thenReturn(diskUsed);
        when(nodes.latestInfo(n.id()))
                .thenReturn(Optional.of(new NodeInfo(name, name, "sim", "0.1", "1", 16, 16384, 200, 0, 0, 0, brands)));
        return n;
    }

    @Test
    void spreads_to_the_least_loaded_online_node_that_fits() {
        Node busy = node("a", NodeState.ONLINE, 8192, 0, List.of("joyent"));
        Node idle = node("b", NodeState.ONLINE, 1024, 0, List.of("joyent"));
        Node down = node("c", NodeState.UNKNOWN, 0, 0, List.of("joyent"));
        when(nodes.all()).thenReturn(List.of(busy, idle, down));
        assertThat(placement.choose(pkg, "joyent")).isEqualTo(idle.id());
    }

    @Test
    void never_places_a_brand_on_a_node_that_cannot_run_it() {
        Node zonesOnly = node("a", NodeState.ONLINE, 0, 0, List.of("joyent", "lx"));
        Node hvm = node("b", NodeState.ONLINE, 12000, 0, List.of("kvm", "bhyve"));
        when(nodes.all()).thenReturn(List.of(zonesOnly, hvm));
        assertThat(placement.choose(pkg, "kvm")).isEqualTo(hvm.id());
    }

    @Test
    void says_which_constraint_failed() {
        Node full = node("a", NodeState.ONLINE, 14000, 0, List.of("joyent"));
        when(nodes.all()).thenReturn(List.of(full));
        assertThatThrownBy(() -> placement.choose(pkg, "joyent")).isInstanceOfSatisfying(ZoneDeckException.class, e -> {
            assertThat(e.code()).isEqualTo("InsufficientCapacity");
            assertThat(e.getMessage()).contains("not enough memory").contains("2384 MiB");
        });
        Node diskFull = node("b", NodeState.ONLINE, 0, 180, List.of("joyent"));
        when(nodes.all()).thenReturn(List.of(diskFull));
        assertThatThrownBy(() -> placement.choose(pkg, "joyent")).hasMessageContaining("not enough disk");
        when(nodes.all()).thenReturn(List.of());
        assertThatThrownBy(() -> placement.choose(pkg, "joyent")).hasMessageContaining("no compute node is online");
    }
}
