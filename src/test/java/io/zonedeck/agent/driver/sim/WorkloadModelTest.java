package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.MachineSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkloadModelTest {
    private static final UUID MACHINE = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static List<MachineSample> run(WorkloadModel model, int seconds, int cap, long mem) {
        List<MachineSample> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            out.add(model.next(T0.plusSeconds(i), true, cap, mem));
        }
        return out;
    }

    @Test
    void same_seed_gives_the_same_samples() {
        assertThat(run(new WorkloadModel(42, MACHINE, 8), 500, 0, 1024))
                .isEqualTo(run(new WorkloadModel(42, MACHINE, 8), 500, 0, 1024));
    }

    @Test
    void different_seed_or_machine_gives_different_samples() {
        List<MachineSample> a = run(new WorkloadModel(42, MACHINE, 8), 100, 0, 1024);
        assertThat(run(new WorkloadModel(43, MACHINE, 8), 100, 0, 1024)).isNotEqualTo(a);
        assertThat(run(new WorkloadModel(42, UUID.randomUUID(), 8), 100, 0, 1024))
                .isNotEqualTo(a);
    }

    @Test
    void capped_machine_never_exceeds_its_cap() {
        for (long seed = 0; seed < 20; seed++) {
            for (MachineSample s : run(new WorkloadModel(seed, MACHINE, 8), 10_000, 25, 1024)) {
                assertThat(s.cpuPct()).isBetween(0.0, 25.0);
                assertThat(s.cpuCap()).isEqualTo(25);
            }
        }
    }

    @Test
    void uncapped_machine_never_exceeds_all_cpus_of_the_node() {
        for (MachineSample s : run(new WorkloadModel(7, MACHINE, 1), 10_000, 0, 1024)) {
            assertThat(s.cpuPct()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void memory_approaches_a_working_set_and_never_exceeds_the_cap() {
        List<MachineSample> samples = run(new WorkloadModel(3, MACHINE, 8), 10_000, 0, 2048);
        assertThat(samples).allSatisfy(s -> assertThat(s.memRssMiB()).isBetween(0L, 2048L));
        assertThat(samples.get(0).memRssMiB()).isLessThan(samples.get(500).memRssMiB());
        assertThat(samples.get(500).memRssMiB()).isGreaterThan(2048 / 5);
    }

    @Test
    void io_counters_are_plausible() {
        List<MachineSample> samples = run(new WorkloadModel(5, MACHINE, 8), 1000, 0, 1024);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.diskReadBytes()).isBetween(0L, 2_000_000_000L);
            assertThat(s.netRxBytes()).isBetween(0L, 2_000_000_000L);
        });
        assertThat(samples.stream().mapToLong(MachineSample::netTxBytes).sum()).isPositive();
    }

    @Test
    void stopped_machine_samples_zero() {
        WorkloadModel model = new WorkloadModel(9, MACHINE, 8);
        run(model, 100, 0, 1024);
        MachineSample s = model.next(T0.plusSeconds(101), false, 50, 1024);
        assertThat(s.cpuPct()).isZero();
        assertThat(s.memRssMiB()).isZero();
        assertThat(s.diskReadBytes() + s.diskWriteBytes() + s.netRxBytes() + s.netTxBytes())
                .isZero();
        assertThat(s.memCapMiB()).isEqualTo(1024);
    }
}
