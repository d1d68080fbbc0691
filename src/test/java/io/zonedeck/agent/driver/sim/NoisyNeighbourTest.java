package io.zonedeck.agent.driver.sim;

import static io.zonedeck.agent.driver.sim.SimMetricsTest.add;
import static io.zonedeck.agent.driver.sim.SimMetricsTest.node;
import static io.zonedeck.agent.driver.sim.SimMetricsTest.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** From time to time one machine of a node makes noise, and its neighbours feel it. */
class NoisyNeighbourTest {
    private static final int SECONDS = 2_400;

    /** A demo-like node: 16 CPUs, eight capped machines of different sizes, synthetic load. */
    private static SimDriver demoNode(long seed) throws Exception {
        SimDriver d = node(seed, 16);
        int[] caps = {50, 50, 100, 100, 200, 200, 400, 25};
        for (int i = 0; i < caps.length; i++) {
            add(d, zone(new UUID(seed, i), caps[i], 1024L * (1 + i % 4), null, null));
        }
        return d;
    }

    private record Second(UUID noisy, NodeSample sample) {}

    private static List<Second> run(SimDriver d) {
        List<Second> out = new ArrayList<>();
        for (int t = 0; t < SECONDS; t++) {
            NodeSample s = d.sample();
            out.add(new Second(d.noisyNeighbour().current(), s));
        }
        return out;
    }

    @Test
    void one_machine_makes_noise_from_time_to_time_and_its_neighbours_wait_longer() throws Exception {
        List<Second> seconds = run(demoNode(42));
        Set<UUID> noisy = new HashSet<>();
        int spells = 0;
        UUID previous = null;
        double[] demand = new double[2];
        double[] diskP50 = new double[2];
        double[] runqP50 = new double[2];
        int[] n = new int[2];
        int[] neighbours = new int[2];
        for (Second s : seconds) {
            if (s.noisy() != null && previous == null) {
                spells++;
            }
            previous = s.noisy();
            int k = s.noisy() == null ? 0 : 1;
            if (k == 1) {
                noisy.add(s.noisy());
                MachineSample loud = SimMetricsTest.of(s.sample(), s.noisy());
                assertThat(loud.cpuPct()).isEqualTo((double) loud.cpuCap()); // flat out at its cap
            }
            n[k]++;
            demand[k] += s.sample().cpuDemandPct();
            for (MachineSample m : s.sample().machines()) {
                if (!m.uuid().equals(s.noisy())) {
                    diskP50[k] += m.diskLatency().quantile(0.5);
                    runqP50[k] += m.runqLatency().quantile(0.5);
                    neighbours[k]++;
                }
            }
        }
        assertThat(spells).isBetween(2, 12);
        assertThat(noisy).hasSize(1); // the same machines: the same noisy one
        assertThat(n[1]).isBetween(SECONDS / 10, SECONDS / 2);
        double quietDemand = demand[0] / n[0];
        double noisyDemand = demand[1] / n[1];
        double quietDisk = diskP50[0] / neighbours[0];
        double noisyDisk = diskP50[1] / neighbours[1];
        double quietRunq = runqP50[0] / neighbours[0];
        double noisyRunq = runqP50[1] / neighbours[1];
        System.out.printf(
                "noisy neighbour: %d spells, %d s; node demand %.1f %% -> %.1f %%, neighbours' disk p50 %.0f -> %.0f µs,"
                        + " run-queue p50 %.1f -> %.1f µs%n",
                spells, n[1], quietDemand, noisyDemand, quietDisk, noisyDisk, quietRunq, noisyRunq);
        // its cap holds it (200 % of 1600 % here), so the node's demand rises by part of that
        assertThat(noisyDemand).isGreaterThan(quietDemand + 5);
        assertThat(noisyDisk).isGreaterThan(quietDisk * 1.5);
        assertThat(noisyRunq).isGreaterThan(quietRunq * 1.2);
    }

    @Test
    void spells_are_deterministic_for_a_seed() throws Exception {
        List<UUID> a = run(demoNode(42)).stream().map(Second::noisy).toList();
        List<UUID> b = run(demoNode(42)).stream().map(Second::noisy).toList();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(run(demoNode(43)).stream().map(Second::noisy).toList());
    }

    @Test
    void a_stopped_noisy_machine_ends_its_spell_and_switching_off_ends_them_all() throws Exception {
        SimDriver d = demoNode(42);
        UUID first = null;
        for (int t = 0; t < SECONDS && first == null; t++) {
            d.sample();
            first = d.noisyNeighbour().current();
        }
        assertThat(first).isNotNull();
        d.stop(first);
        d.sample();
        assertThat(d.noisyNeighbour().current()).isNull();
        d.noisyNeighbour().setEnabled(false);
        for (int t = 0; t < SECONDS; t++) {
            d.sample();
            assertThat(d.noisyNeighbour().current()).isNull();
        }
    }
}
