package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.vrrp.VrrpRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only: a real keepalived pair. Two "nodes" (one KeepalivedVrrp each) with one machine each; the machines'
 * namespaces hang on a bridge in a third namespace, so taking one machine's link down leaves the other's up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepalivedVrrpTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final int subnet = ThreadLocalRandom.current().nextInt(10, 250);
    private final String lan = "zdk-" + tag + "-lan";
    private final String nsA = "zdk-" + tag + "-a";
    private final String nsB = "zdk-" + tag + "-b";
    private final String vip = "10.199." + subnet + ".100";
    private MachineNet netA;
    private MachineNet netB;
    private boolean built;

    @TempDir
    Path dir;

    private KeepalivedVrrp nodeA;
    private KeepalivedVrrp nodeB;
    private final List<VrrpTransition> transitions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void buildNetwork() throws Exception {
        LinuxHost.needKeepalived();
        netA = new MachineNet(nsA, "eth0", "10.199." + subnet + ".1", 24, "joyent");
        netB = new MachineNet(nsB, "eth0", "10.199." + subnet + ".2", 24, "joyent");
        built = true;
        for (String ns : List.of(lan, nsA, nsB)) {
            ip("netns", "add", ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        ip("-n", lan, "link", "add", "br0", "type", "bridge");
        ip("-n", lan, "link", "set", "br0", "up");
        for (MachineNet m : List.of(netA, netB)) {
            String port = "p" + m.netns().substring(m.netns().length() - 1);
            ip("-n", lan, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", m.netns());
            ip("-n", lan, "link", "set", port, "master", "br0", "up");
            ip("-n", m.netns(), "addr", "add", m.ipv4() + "/24", "dev", "eth0");
            ip("-n", m.netns(), "link", "set", "eth0", "up");
        }
    }

    @AfterAll
    void removeNetwork() throws Exception {
        if (built) {
            for (String ns : List.of(nsA, nsB, lan)) {
                run("ip", "netns", "del", ns);
            }
        }
    }

    @BeforeEach
    void startNodes() throws Exception {
        LinuxHost.needKeepalived();
        ip("-n", nsA, "link", "set", "eth0", "up");
        Map<UUID, MachineNet> nets = Map.of(A, netA, B, netB);
        nodeA = new KeepalivedVrrp(dir.resolve("a"), id -> Optional.ofNullable(nets.get(id)), Clock.systemUTC());
        nodeB = new KeepalivedVrrp(dir.resolve("b"), id -> Optional.ofNullable(nets.get(id)), Clock.systemUTC());
        nodeA.setTransitionListener(transitions::add);
        nodeB.setTransitionListener(transitions::add);
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (nodeA != null) {
            nodeA.closeAndRemoveAll();
        }
        if (nodeB != null) {
            nodeB.closeAndRemoveAll();
        }
    }

    private VrrpSpec spec(MachineNet m, int vrid, int priority) {
        return new VrrpSpec(vrid, m.ipv4(), priority, 1000, true, true, List.of(vip), "admin", 0);
    }

    private static VrrpRouterInfo router(KeepalivedVrrp node, int vrid) {
        return node.routers().stream().filter(r -> r.vrid() == vrid).findFirst().orElseThrow();
    }

    /** Configures the pair (A 200, B 100) and waits for A MASTER, B BACKUP. */
    private void pair(int vrid) throws Exception {
        nodeA.configure(A, spec(netA, vrid, 200));
        nodeB.configure(B, spec(netB, vrid, 100));
        await(
                () -> router(nodeA, vrid).state() == VrrpState.MASTER
                        && router(nodeB, vrid).state() == VrrpState.BACKUP,
                15_000,
                "A MASTER and B BACKUP");
        transitions.clear();
    }

    @Test
    void the_backup_takes_over_within_master_down_interval_plus_1s_when_the_masters_link_goes_down() throws Exception {
        pair(51);
        assertThat(addresses(nsA)).contains(vip + "/24");
        assertThat(addresses(nsB)).doesNotContain(vip + "/24");

        long down = System.currentTimeMillis();
        ip("-n", nsA, "link", "set", "eth0", "down");
        VrrpTransition takeover = awaitTransition(B, 51, VrrpState.MASTER, 15_000);

        long failoverMs = takeover.at() - down;
        double advert = 1.0;
        double masterDown = 3 * advert + (256 - 100) / 256.0 * advert;
        long boundMs = Math.round((masterDown + 1) * 1000);
        System.out.printf(
                "keepalived failover: %d ms from link down to BACKUP→MASTER (bound %d ms = Master_Down_Interval"
                        + " %.3f s + 1 s); reason: %s%n",
                failoverMs, boundMs, masterDown, takeover.reason());
        assertThat(failoverMs).isPositive().isLessThanOrEqualTo(boundMs);
        assertThat(takeover.from()).isEqualTo(VrrpState.BACKUP);
        assertThat(takeover.reason()).isEqualTo(KeepalivedVrrp.REASON_TAKEOVER);
        assertThat(addresses(nsB)).contains(vip + "/24");
        await(() -> router(nodeA, 51).state() == VrrpState.INIT, 5_000, "A INIT (FAULT)");
        assertThat(transitions)
                .anySatisfy(t -> assertThat(t)
                        .extracting(VrrpTransition::uuid, VrrpTransition::to, VrrpTransition::reason)
                        .containsExactly(A, VrrpState.INIT, KeepalivedVrrp.REASON_FAULT));

        ip("-n", nsA, "link", "set", "eth0", "up");
        await(
                () -> router(nodeA, 51).state() == VrrpState.MASTER
                        && router(nodeB, 51).state() == VrrpState.BACKUP,
                15_000,
                "A preempts again once its link is back");
    }

    @Test
    void configure_is_idempotent_a_changed_spec_reloads_and_release_hands_over_to_the_backup() throws Exception {
        pair(52);
        long pid = nodeA.pid(A, 52);
        assertThat(pid).isPositive();

        nodeA.configure(A, spec(netA, 52, 200));
        assertThat(nodeA.pid(A, 52)).as("same spec: nothing restarts").isEqualTo(pid);

        VrrpRouterInfo changed = nodeA.configure(A, spec(netA, 52, 210));
        assertThat(changed.priority()).isEqualTo(210);
        assertThat(nodeA.pid(A, 52)).as("changed spec: reloaded, not restarted").isEqualTo(pid);
        assertThat(Files.readString(dir.resolve("a").resolve(A + "-52").resolve("keepalived.conf")))
                .contains("priority 210");

        long releasedAt = System.currentTimeMillis();
        VrrpRouterInfo released = nodeA.release(A, 52, 50);
        assertThat(released.priority()).isEqualTo(50);
        VrrpTransition stepDown = awaitTransition(A, 52, VrrpState.BACKUP, 10_000);
        assertThat(stepDown.from()).as(stepDown + " then " + transitions).isEqualTo(VrrpState.MASTER);
        assertThat(stepDown.reason()).isEqualTo(VrrpRouter.REASON_RELEASED);
        VrrpTransition takeover = awaitTransition(B, 52, VrrpState.MASTER, 10_000);
        System.out.printf(
                "keepalived release: B MASTER %d ms after release() was called%n", takeover.at() - releasedAt);
        assertThat(takeover.at() - releasedAt)
                .as("priority-0 advert: no Master_Down_Interval wait")
                .isLessThan(3_000);
        await(() -> addresses(nsB).contains(vip + "/24"), 5_000, "VIP on B");
        assertThat(transitions).noneMatch(t -> t.uuid().equals(A) && t.to() == VrrpState.INIT);
    }

    @Test
    void disabling_stops_keepalived_enabling_starts_it_and_remove_leaves_nothing_behind() throws Exception {
        pair(53);
        Path conf = dir.resolve("a").resolve(A + "-53").resolve("keepalived.conf");
        long pid = nodeA.pid(A, 53);

        VrrpRouterInfo off = nodeA.setEnabled(A, 53, false);
        assertThat(off.enabled()).isFalse();
        assertThat(off.state()).isEqualTo(VrrpState.INIT);
        assertThat(KeepalivedProcess.alive(pid, conf)).isFalse();
        assertThat(pgrep(conf)).isEmpty();
        awaitTransition(B, 53, VrrpState.MASTER, 10_000);

        VrrpRouterInfo on = nodeA.setEnabled(A, 53, true);
        assertThat(on.enabled()).isTrue();
        assertThat(nodeA.pid(A, 53)).isPositive().isNotEqualTo(pid);
        await(() -> router(nodeA, 53).state() == VrrpState.MASTER, 15_000, "A MASTER again (preempt)");

        nodeA.remove(A, 53);
        assertThat(nodeA.routers()).isEmpty();
        assertThat(pgrep(conf)).isEmpty();
        assertThat(conf.getParent()).doesNotExist();
        assertThat(transitions)
                .anySatisfy(t -> assertThat(t)
                        .extracting(VrrpTransition::uuid, VrrpTransition::from, VrrpTransition::to)
                        .containsExactly(A, VrrpState.MASTER, VrrpState.INIT));
    }

    @Test
    void a_new_instance_over_the_same_state_directory_re_adopts_running_keepalived() throws Exception {
        pair(54);
        long pid = nodeA.pid(A, 54);
        nodeA.close();

        Map<UUID, MachineNet> nets = Map.of(A, netA);
        nodeA = new KeepalivedVrrp(dir.resolve("a"), id -> Optional.ofNullable(nets.get(id)), Clock.systemUTC());

        assertThat(nodeA.routers()).singleElement().satisfies(r -> {
            assertThat(r.uuid()).isEqualTo(A);
            assertThat(r.vrid()).isEqualTo(54);
            assertThat(r.state()).isEqualTo(VrrpState.MASTER);
            assertThat(r.priority()).isEqualTo(200);
        });
        assertThat(nodeA.pid(A, 54)).isEqualTo(pid);

        nodeA.removeMachine(A);
        assertThat(pgrep(dir.resolve("a").resolve(A + "-54").resolve("keepalived.conf")))
                .isEmpty();
        awaitTransition(B, 54, VrrpState.MASTER, 10_000);
    }

    @Test
    void a_machine_that_stops_takes_its_routers_down_and_they_come_back_when_it_starts() throws Exception {
        pair(55);
        nodeA.machineStopped(A);
        assertThat(router(nodeA, 55).state()).isEqualTo(VrrpState.INIT);
        assertThat(nodeA.pid(A, 55)).isZero();
        assertThat(transitions).anySatisfy(t -> assertThat(t.reason()).isEqualTo("machine stopped"));

        nodeA.machineStarted(A);
        assertThat(nodeA.pid(A, 55)).isPositive();
        await(() -> router(nodeA, 55).state() == VrrpState.MASTER, 15_000, "A MASTER again");
    }

    @Test
    void a_config_keepalived_refuses_is_an_operation_failure_that_leaves_nothing_behind() throws Exception {
        UUID c = UUID.randomUUID();
        MachineNet wrongIface = new MachineNet(nsA, "nope0", netA.ipv4(), 24, "joyent");
        try (KeepalivedVrrp node =
                new KeepalivedVrrp(dir.resolve("c"), id -> Optional.of(wrongIface), Clock.systemUTC())) {
            assertThatThrownBy(() -> node.configure(c, spec(netA, 56, 100)))
                    .isInstanceOf(DriverException.class)
                    .hasMessageContaining("keepalived -t")
                    .hasMessageContaining("nope0")
                    .satisfies(
                            e -> assertThat(((DriverException) e).code()).isEqualTo(DriverException.OPERATION_FAILED));
            assertThat(node.routers()).isEmpty();
            assertThat(dir.resolve("c").resolve(c + "-56")).doesNotExist();
        }
    }

    @Test
    void keepalived_is_stopped_when_its_machines_namespace_disappears() throws Exception {
        String ns = "zdk-" + tag + "-gone";
        ip("netns", "add", ns);
        try {
            ip("-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            ip("-n", ns, "addr", "add", "10.198." + subnet + ".1/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
            ip("-n", ns, "link", "set", "eth1", "up");
            UUID c = UUID.randomUUID();
            MachineNet net = new MachineNet(ns, "eth0", "10.198." + subnet + ".1", 24, "joyent");
            try (KeepalivedVrrp node =
                    new KeepalivedVrrp(dir.resolve("d"), id -> Optional.of(net), Clock.systemUTC())) {
                List<VrrpTransition> seen = new CopyOnWriteArrayList<>();
                node.setTransitionListener(seen::add);
                VrrpSpec s = new VrrpSpec(
                        57, net.ipv4(), 100, 100, true, true, List.of("10.198." + subnet + ".100"), "admin", 0);
                node.configure(c, s);
                await(() -> router(node, 57).state() == VrrpState.MASTER, 10_000, "alone: MASTER");
                Path conf = dir.resolve("d").resolve(c + "-57").resolve("keepalived.conf");

                ip("netns", "del", ns);

                await(() -> router(node, 57).state() == VrrpState.INIT, 10_000, "INIT once the namespace is gone");
                assertThat(pgrep(conf)).isEmpty();
                assertThat(seen).last().satisfies(t -> assertThat(t.reason()).isEqualTo("machine stopped"));
                node.removeMachine(c);
            }
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    // --- helpers ---

    private VrrpTransition awaitTransition(UUID machine, int vrid, VrrpState to, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (VrrpTransition t : transitions) {
                if (t.uuid().equals(machine) && t.vrid() == vrid && t.to() == to) {
                    transitions.remove(t);
                    return t;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no transition of " + machine + "/" + vrid + " to " + to + " within " + timeoutMs
                + " ms; transitions: " + transitions);
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(50);
        }
    }

    private String addresses(String ns) {
        try {
            return run("ip", "-n", ns, "-4", "addr", "show", "dev", "eth0");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String pgrep(Path conf) throws Exception {
        return run("pgrep", "-f", conf.toString()).strip();
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
