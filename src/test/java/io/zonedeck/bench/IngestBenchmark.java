package io.zonedeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import io.zonedeck.metrics.NodeSampleReceived;
import io.zonedeck.metrics.SeriesStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ingest throughput agent → series store, printed (never asserted against a goal): realistic samples from the sim
 * driver (every v1.2 field, three latency histograms per machine), {@value #NODES} nodes × {@value #MACHINES}
 * machines. "Samples" are machine-seconds (one {@link MachineSample}: about 25 values and three histograms).
 *
 * <ol>
 *   <li>store: NodeSamples straight into {@link SeriesStore#onSample}, one thread per core;
 *   <li>wire: the agent's stream JSON (StreamBatch bytes as the agent sends them) decoded with the portal's mapper
 *       and stored — the HTTP transfer itself (loopback) is left out;
 *   <li>paced: 200 000 samples/s offered for 10 s on one thread; every one must be stored (no drops).
 * </ol>
 *
 * Run: {@code ./mvnw -o -q test -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class IngestBenchmark {
    static final int NODES = 20;
    static final int MACHINES = 100;
    static final int TEMPLATE_SECONDS = 30;
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    /** Realistic node samples: TEMPLATE_SECONDS seconds of one sim node with MACHINES machines. */
    static List<NodeSample> template() throws Exception {
        Instant[] now = {Instant.parse("2026-11-25T12:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SimDriver sim = new SimDriver(
                7,
                new NodeResources("bench", 64, 1 << 20, 100_000, SimDriver.BRANDS),
                clock,
                Sleeper.NONE,
                SimSettings.instant("10.90.0"));
        for (int i = 0; i < MACHINES; i++) {
            sim.create(
                    new CreatePayload(
                            UUID.randomUUID(),
                            "joyent",
                            "m" + i,
                            UUID.randomUUID(),
                            1024L,
                            10L,
                            100 + i % 4 * 100,
                            100,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                    ProgressListener.NONE);
        }
        List<NodeSample> out = new ArrayList<>();
        for (int s = 0; s < TEMPLATE_SECONDS; s++) {
            now[0] = now[0].plusSeconds(1);
            out.add(sim.sample());
        }
        return out;
    }

    @Test
    void ingest_throughput() throws Exception {
        List<NodeSample> template = template();
        long withHist = template.get(0).machines().stream()
                .filter(m -> m.runqLatency() != null)
                .count();
        System.out.printf("template: %d machines per node, %d with latency histograms%n", MACHINES, withHist);
        UUID[] nodes = new UUID[NODES];
        for (int i = 0; i < NODES; i++) {
            nodes[i] = UUID.randomUUID();
        }
        // machine ids differ per node: re-key each node's machines
        List<List<NodeSample>> perNode = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            List<UUID> ids = new ArrayList<>();
            for (int m = 0; m < MACHINES; m++) {
                ids.add(UUID.randomUUID());
            }
            List<NodeSample> rekeyed = new ArrayList<>();
            for (NodeSample s : template) {
                List<MachineSample> ms = new ArrayList<>();
                for (int m = 0; m < s.machines().size(); m++) {
                    MachineSample x = s.machines().get(m);
                    ms.add(new MachineSample(
                            ids.get(m),
                            x.cpuPct(),
                            x.cpuCap(),
                            x.memRssMiB(),
                            x.memCapMiB(),
                            x.diskReadBytes(),
                            x.diskWriteBytes(),
                            x.netRxBytes(),
                            x.netTxBytes(),
                            x.cpuShares(),
                            x.cpuBaseline(),
                            x.burstCreditS(),
                            x.cpuDemandPct(),
                            x.diskReadOps(),
                            x.diskWriteOps(),
                            x.ioDelayUs(),
                            x.lwps(),
                            x.swapMiB(),
                            x.netRxPackets(),
                            x.netTxPackets(),
                            x.syscalls(),
                            x.syscallLatency(),
                            x.diskLatency(),
                            x.runqLatency()));
                }
                rekeyed.add(new NodeSample(s.cpuUtilPct(), s.memUsedMiB(), ms, s.cpuDemandPct(), s.disks()));
            }
            perNode.add(rekeyed);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int seconds = 600; // ten minutes of the datacenter
        for (int round = 0; round < 2; round++) { // the first round warms up
            SeriesStore store = new SeriesStore();
            long t = System.nanoTime();
            double cpu = feed(store, nodes, perNode, seconds, cores);
            double elapsed = (System.nanoTime() - t) / 1e9;
            long stored = store.machineSecondsStored();
            assertThat(stored).isEqualTo((long) NODES * MACHINES * seconds);
            System.out.printf(
                    "store%s: %d machine-seconds in %.2f s on %d threads = %,.0f samples/s (wall); %.2f CPU-s ="
                            + " %,.0f samples per CPU-second, %,.0f/s on %d idle cores%n",
                    round == 0 ? " (warm-up)" : "",
                    stored,
                    elapsed,
                    cores,
                    stored / elapsed,
                    cpu,
                    stored / cpu,
                    stored / cpu * cores,
                    cores);
        }

        ObjectMapper json = AgentJson.newMapper();
        List<byte[]> wire = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            List<StreamEntry> entries = new ArrayList<>();
            for (int s = 0; s < TEMPLATE_SECONDS; s++) {
                entries.add(
                        new StreamEntry(s + 1, T0 + s * 1000L, perNode.get(n).get(s), null));
            }
            wire.add(json.writeValueAsBytes(new StreamBatch(TEMPLATE_SECONDS, false, entries)));
        }
        System.out.printf(
                "wire: %.1f KB per node-second (%d machines)%n",
                wire.get(0).length / 1024.0 / TEMPLATE_SECONDS, MACHINES);
        for (int round = 0; round < 2; round++) {
            SeriesStore store = new SeriesStore();
            ExecutorService pool = Executors.newFixedThreadPool(cores);
            long t = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                int node = n;
                done.add(pool.submit(() -> {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    for (int rep = 0; rep < 4; rep++) {
                        StreamBatch b = json.readValue(wire.get(node), StreamBatch.class);
                        for (StreamEntry e : b.entries()) {
                            store.onSample(new NodeSampleReceived(
                                    nodes[node], e.timestamp() + rep * TEMPLATE_SECONDS * 1000L, e.sample()));
                        }
                    }
                    return THREADS.getCurrentThreadCpuTime() - cpu0;
                }));
            }
            long cpuNanos = 0;
            for (Future<Long> f : done) {
                cpuNanos += f.get();
            }
            double elapsed = (System.nanoTime() - t) / 1e9;
            pool.shutdown();
            long stored = store.machineSecondsStored();
            double cpu = cpuNanos / 1e9;
            System.out.printf(
                    "wire%s (JSON decode + store): %d machine-seconds in %.2f s = %,.0f samples/s (wall); %,.0f samples"
                            + " per CPU-second, %,.0f/s on %d idle cores%n",
                    round == 0 ? " (warm-up)" : "",
                    stored,
                    elapsed,
                    stored / elapsed,
                    stored / cpu,
                    stored / cpu * cores,
                    cores);
        }

        SeriesStore paced = new SeriesStore();
        int rate = 200_000;
        int perSecond = rate / MACHINES; // node-samples per wall second
        long start = System.nanoTime();
        long maxLagMs = 0;
        int offered = 0;
        for (int s = 0; s < 10; s++) {
            for (int k = 0; k < perSecond; k++) {
                long due = start + (long) ((s + k / (double) perSecond) * 1e9);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                maxLagMs = Math.max(maxLagMs, (System.nanoTime() - due) / 1_000_000);
                int node = k % NODES;
                int second = s * (perSecond / NODES) + k / NODES;
                paced.onSample(new NodeSampleReceived(
                        nodes[node], T0 + second * 1000L, perNode.get(node).get(second % TEMPLATE_SECONDS)));
                offered += MACHINES;
            }
        }
        System.out.printf(
                "paced: %,d samples offered at %,d/s for 10 s, %,d stored (%d dropped), max lag behind schedule %d ms%n",
                offered, rate, paced.machineSecondsStored(), offered - paced.machineSecondsStored(), maxLagMs);
        System.out.printf(
                "memory: %,d bytes of series for %d machines + %d nodes after %d s (%.0f KB per machine)%n",
                paced.footprintBytes(),
                NODES * MACHINES,
                NODES,
                10 * perSecond / NODES,
                paced.footprintBytes() / 1024.0 / (NODES * MACHINES));
    }

    /** Feeds every node's seconds on {@code threads} threads; returns the CPU seconds they used. */
    private static double feed(
            SeriesStore store, UUID[] nodes, List<List<NodeSample>> perNode, int seconds, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> done = new ArrayList<>();
        for (int th = 0; th < threads; th++) {
            int first = th;
            done.add(pool.submit(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                for (int s = 0; s < seconds; s++) {
                    for (int n = first; n < nodes.length; n += threads) {
                        store.onSample(new NodeSampleReceived(
                                nodes[n], T0 + s * 1000L, perNode.get(n).get(s % TEMPLATE_SECONDS)));
                    }
                }
                return THREADS.getCurrentThreadCpuTime() - cpu0;
            }));
        }
        long cpu = 0;
        for (Future<Long> f : done) {
            cpu += f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return cpu / 1e9;
    }
}
