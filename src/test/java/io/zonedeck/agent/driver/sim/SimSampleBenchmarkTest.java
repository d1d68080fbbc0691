package io.zonedeck.agent.driver.sim;

import static io.zonedeck.agent.driver.sim.SimMetricsTest.add;
import static io.zonedeck.agent.driver.sim.SimMetricsTest.node;
import static io.zonedeck.agent.driver.sim.SimMetricsTest.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.NodeSample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How long one second of a 200-machine node takes to sample (the agent does it once a second per node). Reports
 * the numbers on stdout; asserts no timing, since this machine is shared.
 */
class SimSampleBenchmarkTest {
    @Test
    void sampling_a_node_of_200_machines() throws Exception {
        SimDriver d = node(42, 48);
        int[] caps = {25, 50, 100, 200, 400, 0};
        for (int i = 0; i < 200; i++) {
            add(d, zone(new UUID(200, i), caps[i % caps.length], 1024L, null, i % 17 == 0 ? 20_000_000L : null));
        }
        for (int i = 0; i < 1_500; i++) { // warm up the JIT
            d.sample();
        }
        int rounds = 1_000;
        long[] nanos = new long[rounds];
        NodeSample last = null;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            last = d.sample();
            nanos[i] = System.nanoTime() - t0;
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / rounds;
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElseThrow() / 1e6;
        int bytes = AgentJson.newMapper().writeValueAsBytes(last).length;
        System.out.printf(
                "sim sample, 200 machines: wall mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms;"
                        + " thread CPU %.3f ms per sample; JSON %d KiB%n",
                mean,
                nanos[rounds / 2] / 1e6,
                nanos[rounds * 99 / 100] / 1e6,
                nanos[rounds - 1] / 1e6,
                cpuMs,
                bytes / 1024);
        // what the agent's ring buffer holds per sample kept
        NodeSample[] kept = new NodeSample[50];
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < kept.length; i++) {
            kept[i] = d.sample();
        }
        System.gc();
        long retained = rt.totalMemory() - rt.freeMemory() - before;
        System.out.printf(
                "retained per node sample of 200 machines: about %d KiB (%d bytes per machine sample)%n",
                retained / kept.length / 1024, retained / kept.length / 200);
        assertThat(kept[kept.length - 1].machines()).hasSize(200);
        assertThat(last.machines()).hasSize(200);
        assertThat(last.disks()).hasSize(4);
    }
}
