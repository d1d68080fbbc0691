package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimDriverUpdateTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);
    private static final NodeResources NODE = new NodeResources("sim-1", 8, 65_536, 1000, SimDriver.BRANDS);

    private final SimDriver driver = new SimDriver(42, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.4"));

    private static CreatePayload zone(UUID uuid, String brand, List<Nic> nics) {
        return new CreatePayload(
                uuid,
                brand,
                "z",
                UUID.randomUUID(),
                1024L,
                10L,
                200,
                100,
                null,
                null,
                "kvm".equals(brand) || "bhyve".equals(brand) ? 2 : null,
                nics,
                Map.of("user-script", "true"),
                Map.of("role", "web"));
    }

    private static Nic nic(String mac, Boolean primary) {
        return new Nic("external", List.of("dhcp"), List.of(), 0, primary, mac, null);
    }

    private static String code(Throwable e) {
        return ((DriverException) e).code();
    }

    @Test
    void create_stores_nics_with_generated_unique_macs_tags_metadata_and_defaults() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        driver.create(
                zone(a, "joyent-minimal", List.of(nic(null, null), nic("90:B8:D0:00:00:01", null))), (s, p) -> {});
        driver.create(zone(b, "joyent", List.of(nic(null, true))), ProgressListener.NONE);
        MachineInfo m = driver.get(a).orElseThrow();
        assertThat(m.nics()).hasSize(2);
        assertThat(m.nics().get(0).mac()).matches("90:b8:d0:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");
        assertThat(m.nics().get(1).mac()).isEqualTo("90:b8:d0:00:00:01");
        assertThat(m.nics()).extracting(Nic::primary).containsExactly(true, false);
        assertThat(m.nics()).extracting(Nic::mtu).containsOnly(1500);
        assertThat(driver.get(b).orElseThrow().nics().get(0).mac())
                .isNotIn(m.nics().get(0).mac(), m.nics().get(1).mac());
        assertThat(m.tags()).containsEntry("role", "web");
        assertThat(m.customerMetadata()).containsEntry("user-script", "true");
        assertThat(m.zfsIoPriority()).isEqualTo(100);
        assertThat(m.maxLwps()).isEqualTo(2000);
        assertThat(m.maxSwap()).isEqualTo(1024);
        assertThat(m.ram()).isEqualTo(1024);
        assertThat(m.vcpus()).isNull();
        assertThat(m.snapshots()).isEmpty();

        SimDriver same = new SimDriver(42, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.4"));
        same.create(zone(a, "joyent-minimal", List.of(nic(null, null))), ProgressListener.NONE);
        assertThat(same.get(a).orElseThrow().nics().get(0).mac())
                .isEqualTo(m.nics().get(0).mac());
    }

    @Test
    void update_changes_only_the_given_properties_live() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", null));
        driver.update(
                uuid,
                UpdatePayload.none()
                        .withAlias("renamed")
                        .withResources(2048L, null, 4096L, 20L, 50, 300, 200, 5000, null)
                        .withTags(Map.of("tier", "gold"), List.of("role"))
                        .withCustomerMetadata(Map.of("motd", "hi"), List.of("user-script")));
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.alias()).isEqualTo("renamed");
        assertThat(m.maxPhysicalMemory()).isEqualTo(2048);
        assertThat(m.ram()).isEqualTo(2048);
        assertThat(m.maxSwap()).isEqualTo(4096);
        assertThat(m.quota()).isEqualTo(20);
        assertThat(m.cpuCap()).isEqualTo(50);
        assertThat(m.cpuShares()).isEqualTo(300);
        assertThat(m.zfsIoPriority()).isEqualTo(200);
        assertThat(m.maxLwps()).isEqualTo(5000);
        assertThat(m.tags()).containsExactly(Map.entry("tier", "gold"));
        assertThat(m.customerMetadata()).containsExactly(Map.entry("motd", "hi"));

        driver.update(uuid, UpdatePayload.none().withResources(null, null, null, null, 75, null, null, null, null));
        MachineInfo after = driver.get(uuid).orElseThrow();
        assertThat(after.cpuCap()).isEqualTo(75);
        assertThat(after.maxPhysicalMemory()).isEqualTo(2048);
        assertThat(after.alias()).isEqualTo("renamed");
    }

    @Test
    void raising_memory_above_max_swap_raises_max_swap_and_an_hvm_keeps_ram_for_the_next_boot() throws Exception {
        UUID zone = UUID.randomUUID();
        driver.createImmediately(zone(zone, "lx", null));
        driver.update(zone, UpdatePayload.none().withResources(3072L, null, null, null, null, null, null, null, null));
        assertThat(driver.get(zone).orElseThrow().maxSwap()).isEqualTo(3072);

        UUID vm = UUID.randomUUID();
        driver.createImmediately(zone(vm, "bhyve", null));
        driver.update(vm, UpdatePayload.none().withResources(null, 4096L, null, null, null, null, null, null, 4));
        MachineInfo m = driver.get(vm).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.ram()).isEqualTo(4096);
        assertThat(m.vcpus()).isEqualTo(4);
        assertThat(m.maxPhysicalMemory()).isGreaterThanOrEqualTo(4096);

        assertThatThrownBy(() -> driver.update(
                        vm, UpdatePayload.none().withResources(1024L, null, null, null, null, null, null, null, null)))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("Invalid");
        assertThat(driver.get(vm).orElseThrow().maxPhysicalMemory()).isGreaterThanOrEqualTo(4096);
    }

    @Test
    void update_beyond_the_node_is_insufficient_capacity_and_changes_nothing() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", null));
        assertThatThrownBy(() -> driver.update(
                        uuid,
                        UpdatePayload.none()
                                .withAlias("x")
                                .withResources(70_000L, null, 70_000L, null, null, null, null, null, null)))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("InsufficientCapacity");
        assertThat(driver.get(uuid).orElseThrow().alias()).isEqualTo("z");
        assertThat(driver.get(uuid).orElseThrow().maxPhysicalMemory()).isEqualTo(1024);
    }

    @Test
    void add_nics_is_idempotent_by_mac_and_remove_nics_ignores_unknown_macs() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(
                uuid, "joyent", List.of(new Nic("external", List.of("10.1.0.5/24"), List.of(), 0, true, null, null))));
        UpdatePayload add = UpdatePayload.none()
                .withNics(
                        List.of(new Nic(
                                "internal",
                                List.of("192.168.9.9/24"),
                                List.of(),
                                12,
                                false,
                                "90:b8:d0:aa:bb:cc",
                                9000)),
                        null);
        driver.update(uuid, add);
        driver.update(uuid, add);
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.nics()).extracting(Nic::mac).hasSize(2).contains("90:b8:d0:aa:bb:cc");
        assertThat(m.nics().get(1).mtu()).isEqualTo(9000);
        assertThat(m.ips()).containsExactly("10.1.0.5", "192.168.9.9");

        driver.update(uuid, UpdatePayload.none().withNics(List.of(nic(null, null)), null));
        assertThat(driver.get(uuid).orElseThrow().nics())
                .hasSize(3)
                .extracting(Nic::mac)
                .doesNotHaveDuplicates();

        String first = m.nics().get(0).mac();
        driver.update(uuid, UpdatePayload.none().withNics(null, List.of(first, "90:b8:d0:ff:ff:ff")));
        MachineInfo after = driver.get(uuid).orElseThrow();
        assertThat(after.nics()).extracting(Nic::mac).hasSize(2).doesNotContain(first);
        assertThat(after.nics()).filteredOn(Nic::primary).hasSize(1);
        assertThat(after.ips()).containsExactly("192.168.9.9");
        driver.update(uuid, UpdatePayload.none().withNics(null, List.of(first)));
        assertThat(driver.get(uuid).orElseThrow().nics()).hasSize(2);
    }

    @Test
    void a_machine_has_at_most_32_nics() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", List.of(nic(null, true))));
        List<Nic> thirtyOne = IntStream.range(0, 31)
                .mapToObj(i -> nic(String.format("90:b8:d0:01:00:%02x", i), false))
                .toList();
        driver.update(uuid, UpdatePayload.none().withNics(thirtyOne, null));
        assertThat(driver.get(uuid).orElseThrow().nics()).hasSize(32);
        assertThatThrownBy(() -> driver.update(uuid, UpdatePayload.none().withNics(List.of(nic(null, false)), null)))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("Invalid");
        assertThat(driver.get(uuid).orElseThrow().nics()).hasSize(32);
        // re-adding a present mac is no new NIC
        driver.update(uuid, UpdatePayload.none().withNics(List.of(thirtyOne.get(0)), null));
        assertThat(driver.get(uuid).orElseThrow().nics()).hasSize(32);
    }

    @Test
    void samples_after_a_cap_change_never_exceed_the_new_caps() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(new CreatePayload(
                uuid, "joyent", "busy", null, 4096L, 10L, 800, null, null, null, null, null, null, null));
        List<MachineSample> before = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            before.add(driver.sample().machines().get(0));
        }
        assertThat(before).anySatisfy(s -> assertThat(s.cpuPct()).isGreaterThan(5.0));
        assertThat(before).anySatisfy(s -> assertThat(s.memRssMiB()).isGreaterThan(512));

        driver.update(uuid, UpdatePayload.none().withResources(512L, null, null, null, 5, null, null, null, null));
        for (int i = 0; i < 600; i++) {
            MachineSample s = driver.sample().machines().get(0);
            assertThat(s.cpuPct()).isLessThanOrEqualTo(5.0);
            assertThat(s.cpuCap()).isEqualTo(5);
            assertThat(s.memRssMiB()).isLessThanOrEqualTo(512);
            assertThat(s.memCapMiB()).isEqualTo(512);
        }
    }

    @Test
    void snapshots_are_listed_oldest_first_and_names_are_unique() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "lx", null));
        driver.createSnapshot(uuid, "s1");
        driver.createSnapshot(uuid, "s2");
        assertThat(driver.snapshots(uuid)).extracting(SnapshotInfo::name).containsExactly("s1", "s2");
        assertThat(driver.snapshots(uuid).get(0).createdTimestamp()).isEqualTo(CLOCK.instant());
        assertThat(driver.get(uuid).orElseThrow().snapshots())
                .extracting(SnapshotInfo::name)
                .containsExactly("s1", "s2");
        assertThatThrownBy(() -> driver.createSnapshot(uuid, "s1"))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("Duplicate");
        driver.deleteSnapshot(uuid, "s1");
        assertThat(driver.snapshots(uuid)).extracting(SnapshotInfo::name).containsExactly("s2");
        assertThatThrownBy(() -> driver.deleteSnapshot(uuid, "s1"))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("NotFound");
    }

    @Test
    void kvm_refuses_snapshots_but_bhyve_and_zones_take_them() throws Exception {
        UUID kvm = UUID.randomUUID();
        UUID bhyve = UUID.randomUUID();
        driver.createImmediately(zone(kvm, "kvm", null));
        driver.createImmediately(zone(bhyve, "bhyve", null));
        assertThatThrownBy(() -> driver.createSnapshot(kvm, "s1")).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo("NotSupported");
            assertThat(e.getMessage()).isEqualTo("snapshots are not supported for kvm VMs");
        });
        driver.createSnapshot(bhyve, "s1");
        assertThat(driver.snapshots(bhyve)).hasSize(1);
    }

    @Test
    void rollback_of_a_running_machine_stops_and_restarts_it_and_destroys_newer_snapshots() throws Exception {
        List<MachineState> seen = new CopyOnWriteArrayList<>();
        AtomicReference<SimDriver> self = new AtomicReference<>();
        UUID uuid = UUID.randomUUID();
        Sleeper peek = d -> self.get().get(uuid).ifPresent(m -> seen.add(m.state()));
        SimDriver d = new SimDriver(1, NODE, CLOCK, peek, SimSettings.defaults("10.88.4"));
        self.set(d);
        d.createImmediately(zone(uuid, "joyent", null));
        d.createSnapshot(uuid, "s1");
        d.createSnapshot(uuid, "s2");
        d.createSnapshot(uuid, "s3");
        seen.clear();

        d.rollbackSnapshot(uuid, "s1");

        assertThat(seen).containsSubsequence(MachineState.STOPPING, MachineState.STARTING);
        assertThat(d.get(uuid).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        assertThat(d.snapshots(uuid)).extracting(SnapshotInfo::name).containsExactly("s1");
        assertThatThrownBy(() -> d.rollbackSnapshot(uuid, "s3"))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("NotFound");
    }

    @Test
    void rollback_of_a_stopped_machine_leaves_it_stopped() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", null), MachineState.STOPPED);
        driver.createSnapshot(uuid, "a");
        driver.createSnapshot(uuid, "b");
        driver.rollbackSnapshot(uuid, "b");
        assertThat(driver.snapshots(uuid)).extracting(SnapshotInfo::name).containsExactly("a", "b");
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
    }

    @Test
    void an_injected_create_failure_fails_at_its_step_and_is_used_up() throws Exception {
        driver.injectFault(new SimFault("create", "fail", 3, null, null));
        UUID uuid = UUID.randomUUID();
        List<String> steps = new ArrayList<>();
        assertThatThrownBy(() -> driver.create(zone(uuid, "joyent", null), (s, p) -> steps.add(s)))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("OperationFailed");
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.FAILED);
        assertThat(m.error()).isEqualTo("injected failure at step 3 (configuring network)");
        assertThat(steps).hasSize(3);
        assertThat(driver.faults()).isEmpty();
        UUID next = UUID.randomUUID();
        driver.create(zone(next, "joyent", null), ProgressListener.NONE);
        assertThat(driver.get(next).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void faults_match_operation_and_machine_and_count_down() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        driver.createImmediately(zone(a, "joyent", null));
        driver.createImmediately(zone(b, "joyent", null));
        assertThat(driver.injectFault(new SimFault("stop", "fail", null, b, 2)))
                .containsExactly(new SimFault("stop", "fail", null, b, 2));
        driver.stop(a);
        assertThatThrownBy(() -> driver.stop(b))
                .extracting(SimDriverUpdateTest::code)
                .isEqualTo("OperationFailed");
        assertThat(driver.get(b).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        assertThat(driver.faults()).containsExactly(new SimFault("stop", "fail", null, b, 1));
        assertThatThrownBy(() -> driver.stop(b)).isInstanceOf(DriverException.class);
        driver.stop(b);
        assertThat(driver.get(b).orElseThrow().state()).isEqualTo(MachineState.STOPPED);

        driver.injectFault(new SimFault("any", "fail", null, null, 1));
        assertThatThrownBy(() -> driver.createSnapshot(a, "x")).isInstanceOf(DriverException.class);
        assertThat(driver.snapshots(a)).isEmpty();
        driver.injectFault(new SimFault("update", "drop", null, null, 1));
        driver.update(a, UpdatePayload.none().withAlias("fine"));
        assertThat(driver.takeDrop("start", a)).isFalse();
        assertThat(driver.takeDrop("update", a)).isTrue();
        assertThat(driver.takeDrop("update", a)).isFalse();
    }

    @Test
    void a_slow_fault_makes_the_operation_take_ten_times_as_long() throws Exception {
        List<Duration> slept = new CopyOnWriteArrayList<>();
        SimDriver d = new SimDriver(1, NODE, CLOCK, slept::add, SimSettings.defaults("10.88.4"));
        UUID uuid = UUID.randomUUID();
        d.createImmediately(zone(uuid, "joyent", null), MachineState.STOPPED);
        d.injectFault(new SimFault("start", "slow", null, null, null));
        d.start(uuid);
        d.stop(uuid);
        assertThat(slept).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    @Test
    void a_hanging_operation_shows_its_transitional_state_until_the_faults_are_cleared() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", null));
        driver.injectFault(new SimFault("stop", "hang", null, null, null));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                driver.stop(uuid);
            } catch (DriverException e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        assertThat(t.isAlive()).isTrue();
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPING);
        driver.clearFaults();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
    }

    @Test
    void a_hanging_operation_is_interruptible() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(zone(uuid, "joyent", null), MachineState.STOPPED);
        driver.injectFault(new SimFault("start", "hang", null, uuid, null));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                driver.start(uuid);
            } catch (DriverException e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(100);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STARTING);
        t.interrupt();
        t.join(5000);
        assertThat(failure.get()).isInstanceOf(DriverException.class);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
    }
}
