package io.zonedeck.agent.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.UpdatePayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one set of expectations every driver meets (sim, linux, smartos): the portal relies on exactly these and on
 * nothing driver-specific. A subclass opens its driver once ({@link #openDriver()}) and may say which image and
 * brand a machine gets; everything else is shared. Where a driver advertises that it cannot do something
 * (snapshots, VRRP, a throttle), the contract checks that it refuses cleanly instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DriverContract {
    protected Driver driver;
    private final List<UUID> created = new ArrayList<>();

    /** Opens the driver under test (called once per class); it may skip or fail the class when the host lacks it. */
    protected abstract Driver openDriver() throws Exception;

    /** The image a contract machine runs: the first the node names, or any image when it runs any. */
    protected UUID image() {
        List<String> images = driver.capabilities().images();
        return images == null || images.isEmpty() ? UUID.randomUUID() : UUID.fromString(images.get(0));
    }

    /** A zone brand the node runs (joyent where it can). */
    protected String brand() {
        List<String> brands = driver.capabilities().brands();
        return brands.contains("joyent") ? "joyent" : brands.get(0);
    }

    /** Called after the class; closes the driver. */
    protected void closeDriver() {
        driver.close();
    }

    @BeforeAll
    final void open() throws Exception {
        driver = openDriver();
    }

    @AfterAll
    final void close() {
        if (driver != null) {
            closeDriver();
        }
    }

    @AfterEach
    final void deleteCreated() {
        for (UUID uuid : created) {
            try {
                if (driver.get(uuid).isPresent()) {
                    driver.delete(uuid);
                }
            } catch (DriverException e) {
                // the test itself reports what went wrong
            }
        }
        created.clear();
    }

    protected CreatePayload payload(UUID uuid, String alias) {
        return new CreatePayload(uuid, brand(), alias, image(), 256L, 5L, 50, 100, null, null, null, null, null, null);
    }

    protected MachineInfo create(String alias) throws DriverException {
        UUID uuid = UUID.randomUUID();
        created.add(uuid);
        driver.create(payload(uuid, alias), (step, pct) -> {});
        return driver.get(uuid).orElseThrow(() -> new AssertionError("created machine " + uuid + " is not listed"));
    }

    @Test
    void advertises_a_name_resources_and_capabilities_within_the_protocol() {
        assertThat(driver.name()).isNotBlank();
        NodeResources r = driver.resources();
        assertThat(r.cpus()).isPositive();
        assertThat(r.ramMiB()).isPositive();
        NodeCapabilities c = driver.capabilities();
        assertThat(c.brands()).isNotEmpty();
        assertThat(NodeCapabilities.ALL_THROTTLES).containsAll(c.throttles());
        assertThat(NodeCapabilities.ALL_METRICS).containsAll(c.metrics());
        assertThat(NodeCapabilities.ALL_DISTRIBUTIONS).containsAll(c.distributions());
        assertThat(c.metrics()).as("every driver measures CPU and memory").contains("cpu", "memory");
        assertThat(driver.vrrp().isPresent())
                .as("vrrp() is there exactly when advertised")
                .isEqualTo(c.vrrp());
    }

    @Test
    void a_created_machine_runs_with_the_payloads_properties() throws Exception {
        MachineInfo m = create("contract-web");
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.alias()).isEqualTo("contract-web");
        assertThat(m.brand()).isEqualTo(brand());
        assertThat(m.maxPhysicalMemory()).isEqualTo(256);
        assertThat(m.cpuCap()).isEqualTo(50);
        assertThat(driver.list()).extracting(MachineInfo::uuid).contains(m.uuid());
    }

    @Test
    void creating_the_same_uuid_twice_is_refused_as_a_duplicate() throws Exception {
        MachineInfo m = create("contract-dup");
        assertThatThrownBy(() -> driver.create(payload(m.uuid(), "contract-dup"), (s, p) -> {}))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.DUPLICATE));
        assertThat(driver.list().stream().filter(i -> i.uuid().equals(m.uuid())))
                .hasSize(1);
    }

    @Test
    void stop_start_and_reboot_end_in_the_expected_states() throws Exception {
        MachineInfo m = create("contract-cycle");
        driver.stop(m.uuid());
        assertThat(state(m.uuid())).isEqualTo(MachineState.STOPPED);
        driver.start(m.uuid());
        assertThat(state(m.uuid())).isEqualTo(MachineState.RUNNING);
        driver.reboot(m.uuid());
        assertThat(state(m.uuid())).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void a_live_update_changes_what_the_node_reports() throws Exception {
        MachineInfo m = create("contract-update");
        UpdatePayload update = UpdatePayload.none().withAlias("contract-renamed");
        if (driver.capabilities().enforces("cpu_cap")) {
            update = update.withResources(null, null, null, null, 80, null, null, null, null);
        }
        driver.update(m.uuid(), update);
        MachineInfo after = driver.get(m.uuid()).orElseThrow();
        assertThat(after.alias()).isEqualTo("contract-renamed");
        if (driver.capabilities().enforces("cpu_cap")) {
            assertThat(after.cpuCap()).isEqualTo(80);
        }
    }

    @Test
    void a_running_machine_appears_in_the_samples_with_its_cap_in_force() throws Exception {
        MachineInfo m = create("contract-sample");
        Optional<MachineSample> mine = Optional.empty();
        for (int i = 0; i < 3 && mine.isEmpty(); i++) {
            NodeSample s = driver.sample();
            mine = s.machines().stream().filter(x -> x.uuid().equals(m.uuid())).findFirst();
            if (mine.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        assertThat(mine).as("the running machine is sampled").isPresent();
        assertThat(mine.get().cpuPct()).isGreaterThanOrEqualTo(0);
        if (driver.capabilities().measures("cpu_cap")) {
            assertThat(mine.get().cpuCap()).isEqualTo(50);
        }
    }

    @Test
    void a_deleted_machine_is_gone() throws Exception {
        MachineInfo m = create("contract-delete");
        driver.delete(m.uuid());
        assertThat(driver.get(m.uuid())).isEmpty();
        assertThat(driver.list()).extracting(MachineInfo::uuid).doesNotContain(m.uuid());
        assertThat(driver.sample().machines()).extracting(MachineSample::uuid).doesNotContain(m.uuid());
    }

    @Test
    void an_unknown_machine_is_not_found_for_every_operation() {
        UUID unknown = UUID.randomUUID();
        assertThat(driver.get(unknown)).isEmpty();
        for (Operation op : List.<Operation>of(
                () -> driver.start(unknown),
                () -> driver.stop(unknown),
                () -> driver.reboot(unknown),
                () -> driver.delete(unknown),
                () -> driver.update(unknown, UpdatePayload.none().withAlias("x")))) {
            assertThatThrownBy(op::run)
                    .isInstanceOfSatisfying(
                            DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_FOUND));
        }
    }

    @Test
    void snapshots_work_where_advertised_and_are_refused_cleanly_elsewhere() throws Exception {
        MachineInfo m = create("contract-snap");
        if (driver.capabilities().snapshots()) {
            driver.createSnapshot(m.uuid(), "before");
            assertThat(driver.snapshots(m.uuid())).extracting(s -> s.name()).contains("before");
            driver.deleteSnapshot(m.uuid(), "before");
            assertThat(driver.snapshots(m.uuid())).extracting(s -> s.name()).doesNotContain("before");
        } else {
            assertThatThrownBy(() -> driver.createSnapshot(m.uuid(), "before"))
                    .isInstanceOfSatisfying(
                            DriverException.class, e -> assertThat(e.code()).isEqualTo(DriverException.NOT_SUPPORTED));
        }
    }

    @Test
    void health_answers_without_throwing() {
        assertThat(driver.health()).isNotNull();
    }

    protected MachineState state(UUID uuid) {
        return driver.get(uuid).map(MachineInfo::state).orElseThrow();
    }

    @FunctionalInterface
    protected interface Operation {
        void run() throws Exception;
    }
}
