package io.zonedeck.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.Image;
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
    final Placement placement = new Placement(
            nodes,
            machines,
            mock(io.zonedeck.base.ClusterLock.class),
            mock(org.springframework.transaction.PlatformTransactionManager.class));
    final MachinePackage pkg = new MachinePackage(UUID.randomUUID(), "g1-medium", 4096, 50, 2, 100, 100, 100, 2000);
    final List<Object[]> usage = new java.util.ArrayList<>();

    {
        when(machines.usageByNode()).thenAnswer(i -> usage);
    }

    private Node node(String name, NodeState state, long ramUsed, long diskUsed, List<String> brands) {
        return node(name, state, ramUsed, diskUsed, 0, brands);
    }

    private Node node(String name, NodeState state, long ramUsed, long diskUsed, long capUsed, List<String> brands) {
        Node n = new Node(UUID.randomUUID(), name, "http://x", state, null, "sim", 16, 16384, 200);
        usage.add(new Object[] {n.id(), ramUsed, diskUsed, capUsed});
        NodeInfo info = new NodeInfo(name, name, "sim", "0.1", "1", 16, 16384, 200, 0, 0, 0, brands);
        when(nodes.latestInfo(n.id())).thenReturn(Optional.of(info));
        when(nodes.capabilities(n.id())).thenReturn(Optional.of(info.effectiveCapabilities()));
        return n;
    }

    /** A node whose driver advertises {@code caps} (a linux node: a few brands, its own workload images). */
    private Node node(String name, long ramUsed, NodeCapabilities caps) {
        Node n = new Node(UUID.randomUUID(), name, "http://x", NodeState.ONLINE, null, "linux", 16, 16384, 200);
        usage.add(new Object[] {n.id(), ramUsed, 0L, 0L});
        when(nodes.capabilities(n.id())).thenReturn(Optional.of(caps));
        return n;
    }

    static Image image(String name, String... brands) {
        return new Image(UUID.randomUUID(), name, "1.0", "linux", List.of(brands), 100, "active");
    }

    static NodeCapabilities linux(Image... images) {
        return new NodeCapabilities(
                List.of("joyent", "joyent-minimal", "lx"),
                java.util.Set.of("cpu_cap"),
                java.util.Set.of("cpu"),
                java.util.Set.of(),
                true,
                false,
                java.util.Arrays.stream(images).map(i -> i.id().toString()).toList());
    }

    @Test
    void a_workload_image_lands_on_the_node_that_names_it_even_when_another_node_is_idler() {
        Image burner = image("cpu-burner", "joyent");
        Node sim = node("sim", NodeState.ONLINE, 0, 0, List.of("joyent"));
        Node linux = node("linux", 12000, linux(burner));
        when(nodes.all()).thenReturn(List.of(sim, linux));
        assertThat(placement.choose(pkg, "joyent", burner)).isEqualTo(linux.id());
        // an image of the catalogue that the linux node does not name goes to the node that runs any image
        Image base = image("base-64", "joyent");
        assertThat(placement.choose(pkg, "joyent", base)).isEqualTo(sim.id());
    }

    @Test
    void an_image_no_online_node_runs_is_refused_on_the_image_field() {
        Image burner = image("cpu-burner", "joyent");
        Image base = image("base-64", "joyent");
        Node linux = node("linux", 0, linux(burner));
        when(nodes.all()).thenReturn(List.of(linux));
        assertThatThrownBy(() -> placement.choose(pkg, "joyent", base))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("image");
                    assertThat(e.errors().get(0).message()).isEqualTo("no online node runs image base-64 1.0");
                });
        assertThat(placement.choose(pkg, "joyent", burner)).isEqualTo(linux.id());
    }

    @Test
    void a_brand_the_capabilities_leave_out_is_never_placed_there_even_when_the_image_is_named() {
        Image burner = image("cpu-burner", "joyent", "kvm");
        Node linux = node("linux", 0, linux(burner));
        when(nodes.all()).thenReturn(List.of(linux));
        assertThatThrownBy(() -> placement.choose(pkg, "kvm", burner))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("brand");
                    assertThat(e.getMessage()).contains("no online node runs brand kvm");
                });
        Node hvm = node("hvm", NodeState.ONLINE, 0, 0, List.of("kvm"));
        when(nodes.all()).thenReturn(List.of(linux, hvm));
        assertThat(placement.choose(pkg, "kvm", burner)).isEqualTo(hvm.id());
    }

    @Test
    void a_node_that_has_not_answered_yet_counts_as_able_to_run_everything() {
        Node fresh = new Node(UUID.randomUUID(), "fresh", "http://x", NodeState.ONLINE, null, "sim", 16, 16384, 200);
        usage.add(new Object[] {fresh.id(), 0L, 0L, 0L});
        when(nodes.all()).thenReturn(List.of(fresh));
        assertThat(placement.choose(pkg, "bhyve", image("any", "bhyve"))).isEqualTo(fresh.id());
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

    @Test
    void cpu_caps_may_overcommit_four_times_but_no_more() {
        Node busy = node("a", NodeState.ONLINE, 0, 0, 16 * 100 * 4 - 50, List.of("joyent"));
        when(nodes.all()).thenReturn(List.of(busy));
        assertThatThrownBy(() -> placement.choose(pkg, "joyent")).hasMessageContaining("not enough CPU");
        usage.set(0, new Object[] {busy.id(), 0L, 0L, 16L * 100 * 4 - 100});
        assertThat(placement.choose(pkg, "joyent")).isEqualTo(busy.id());
    }

    @Test
    void affinity_rules_keep_apart_bring_together_and_say_which_rule_excluded_every_node() {
        Node a = node("a", NodeState.ONLINE, 0, 0, List.of("joyent"));
        Node b = node("b", NodeState.ONLINE, 4096, 0, List.of("joyent"));
        when(nodes.all()).thenReturn(List.of(a, b));
        List<Affinity.Peer> peers = List.of(
                new Affinity.Peer(UUID.randomUUID(), "db-1", java.util.Map.of("role", "db"), a.id()),
                new Affinity.Peer(UUID.randomUUID(), "web-1", java.util.Map.of("role", "web"), b.id()));
        List<ZoneDeckException.FieldProblem> problems = new java.util.ArrayList<>();
        assertThat(placement.choose(pkg, "joyent", Affinity.parse(List.of("instance!=db-1"), problems), peers))
                .isEqualTo(b.id());
        assertThat(placement.choose(pkg, "joyent", Affinity.parse(List.of("role==web"), problems), peers))
                .isEqualTo(b.id());
        // soft: preferred when possible, but spread wins among equals only
        assertThat(placement.choose(pkg, "joyent", Affinity.parse(List.of("instance==~web-*"), problems), peers))
                .isEqualTo(b.id());
        assertThat(placement.choose(pkg, "joyent", Affinity.parse(List.of("instance!=~web-*"), problems), peers))
                .isEqualTo(a.id());
        assertThatThrownBy(() -> placement.choose(
                        pkg, "joyent", Affinity.parse(List.of("instance!=db-1", "instance!=web-1"), problems), peers))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("affinity");
                    assertThat(e.getMessage()).contains("instance!=web-1");
                });
        assertThatThrownBy(() ->
                        placement.choose(pkg, "joyent", Affinity.parse(List.of("instance==nobody"), problems), peers))
                .hasMessageContaining("no machine of yours matches");
        assertThat(problems).isEmpty();
    }
}
