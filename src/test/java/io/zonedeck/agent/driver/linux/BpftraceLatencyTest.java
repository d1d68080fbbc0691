package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Histogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root only: a real bpftrace measures a real busy loop and a real direct-I/O writer. */
class BpftraceLatencyTest {
    private final List<Process> workloads = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopWorkloads() throws InterruptedException {
        for (Process p : workloads) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private Process spawn(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        workloads.add(p);
        return p;
    }

    @Test
    void busy_loops_wait_in_the_run_queue_and_direct_io_shows_disk_latency_within_5_seconds() throws Exception {
        LinuxHost.needBpftrace();
        LinuxHost.need(BpftraceLatency.available(), "bpftrace cannot run: " + BpftraceLatency.unavailableReason());
        long pid;
        Histogram runq = Histogram.EMPTY;
        Histogram disk = Histogram.EMPTY;
        long deviceTotal = 0;
        try (BpftraceLatency bpf = BpftraceLatency.start(Clock.systemUTC(), 30_000)) {
            pid = bpf.pid();
            // two busy loops on a 2-core box, with the agent and the JVM also wanting CPU: they queue
            Process burner = spawn("sh", "-c", "while :; do :; done");
            spawn("sh", "-c", "while :; do :; done");
            Process dd =
                    spawn("dd", "if=/dev/zero", "of=" + dir.resolve("dd.out"), "bs=4k", "count=250000", "oflag=direct");
            long start = System.nanoTime();
            long lastAt = 0;
            while ((runq.total() == 0 || disk.total() == 0) && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(200);
                Optional<BpftraceInterval> latest = bpf.latest();
                if (latest.isPresent() && latest.get().at() != lastAt) {
                    lastAt = latest.get().at();
                    runq = runq.plus(latest.get().runq().getOrDefault((int) burner.pid(), Histogram.EMPTY));
                    disk = disk.plus(latest.get().disk().getOrDefault((int) dd.pid(), Histogram.EMPTY));
                    deviceTotal += latest.get().devices().values().stream()
                            .mapToLong(Histogram::total)
                            .sum();
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "bpftrace after %d ms: burner runq %s (p50 %d us); dd disk %s (p50 %d us); malformed %d%n",
                    ms, runq, runq.quantile(0.5), disk, disk.quantile(0.5), bpf.malformed());
            assertThat(bpf.malformed()).isZero();
        }
        assertThat(runq.total()).as("run-queue latencies of the busy loop").isPositive();
        assertThat(disk.total()).as("block I/O latencies of dd").isPositive();
        assertThat(deviceTotal).as("block I/O latencies by device").isGreaterThanOrEqualTo(disk.total());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("bpftrace gone after close")
                .isFalse();
        assertThat(Files.exists(Path.of("/proc", Long.toString(pid)))).isFalse();
    }
}
