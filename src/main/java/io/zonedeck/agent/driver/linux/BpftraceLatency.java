package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run-queue and block I/O latency per process, measured by one long-running {@code bpftrace} (tracepoints only:
 * {@code sched:sched_wakeup[_new]}, {@code sched:sched_switch}, {@code block:block_rq_insert/issue/complete}), read
 * once a second as {@link BpftraceInterval}s.
 *
 * <p>Keys are processes (tgid), not cgroups: on cgroup v1 bpftrace's {@code cgroup} builtin is meaningless, so the
 * driver maps a machine to its pids (cgroup.procs) and sums with {@link BpftraceInterval#runq(java.util.Collection)}.
 * Run-queue latency is wakeup (or preemption while runnable) to switch-in, attributed to the task switched in.
 * Block I/O latency is from when the request entered the block layer's queue (insert, or issue when the request
 * skipped the scheduler) to its completion, attributed to the process that was running at insert/issue, which for
 * direct I/O is the issuer and for buffered writeback the flusher thread.
 *
 * <p>Per block device ({@code @devlat}, for DiskSample.latency) the same block latency is kept by the kernel's
 * device number, reported as {@code "major:minor"} (what {@code /sys/dev/block/<major:minor>/uevent} names).
 *
 * <p>Approximations: the block latency is the block layer's, from the request queue on; a cgroup I/O throttle
 * (blkio.throttle / io.max) holds bios before they reach it, so its delay is not included (no tracepoint fires
 * before blk-throttle), and page-cache hits are not seen at all. Buffered writes are attributed to the flusher.
 *
 * <p>The program computes each latency's llquantize(10, 0, 6, 10) lower bound itself (as docs/metric-sources.md
 * describes), so the {@link io.zonedeck.agent.api.Histogram}s are exact, not re-binned power-of-two buckets.
 */
public final class BpftraceLatency implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BpftraceLatency.class.getName());
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    /** A result older than this is stale: bpftrace stopped printing. */
    static final long STALE_MS = 3_000;
    /** Keys per map: (task, bucket) pairs in one second, in-flight wakeups and block requests. */
    static final int MAP_KEYS_MAX = 65_536;

    private static final String LLQ = "    $p = (uint64)1;\n"
            + "    unroll (6) { if ($us >= $p * 10) { $p = $p * 10; } }\n"
            + "    $b = $us < 1 ? 0 : ($us >= 10000000 ? 10000000 : ($us / $p) * $p);\n";

    /** The bpftrace program (bpftrace 0.17 syntax: {@code args->field}, no macros). */
    static final String PROGRAM = "tracepoint:sched:sched_wakeup, tracepoint:sched:sched_wakeup_new {\n"
            + "  @rq_t[args->pid] = nsecs;\n"
            + "}\n"
            + "tracepoint:sched:sched_switch {\n"
            + "  if (args->prev_state == 0) { @rq_t[args->prev_pid] = nsecs; }\n"
            + "  $t = @rq_t[args->next_pid];\n"
            + "  if ($t) {\n"
            + "    $us = (nsecs - $t) / 1000;\n"
            + LLQ
            + "    @runq[args->next_pid, $b] = count();\n"
            + "    delete(@rq_t[args->next_pid]);\n"
            + "  }\n"
            + "}\n"
            + "tracepoint:block:block_rq_insert {\n"
            + "  @io_pid[args->dev, args->sector] = pid;\n"
            + "  @io_t[args->dev, args->sector] = nsecs;\n"
            + "}\n"
            + "tracepoint:block:block_rq_issue /!@io_t[args->dev, args->sector]/ {\n"
            + "  @io_pid[args->dev, args->sector] = pid;\n"
            + "  @io_t[args->dev, args->sector] = nsecs;\n"
            + "}\n"
            + "tracepoint:block:block_rq_complete /@io_t[args->dev, args->sector]/ {\n"
            + "    $us = (nsecs - @io_t[args->dev, args->sector]) / 1000;\n"
            + LLQ
            + "    @disk[@io_pid[args->dev, args->sector], $b] = count();\n"
            + "    @devlat[args->dev, $b] = count();\n"
            + "    delete(@io_t[args->dev, args->sector]);\n"
            + "    delete(@io_pid[args->dev, args->sector]);\n"
            + "}\n"
            + "interval:s:1 {\n"
            + "  print(@runq); print(@disk); print(@devlat);\n"
            + "  clear(@runq); clear(@disk); clear(@devlat);\n"
            + "  printf(\"end\\n\");\n"
            + "}\n";

    private final Process process;
    private final Clock clock;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CountDownLatch attached = new CountDownLatch(1);
    private final Map<Integer, Integer> tgids = new HashMap<>();
    private volatile BpftraceInterval latest = BpftraceInterval.EMPTY;
    private volatile boolean closed;
    private volatile long malformed;

    private BpftraceLatency(Process process, Clock clock) {
        this.process = process;
        this.clock = clock;
    }

    /** Whether bpftrace can run here (root, installed, tracefs mounted — mounting it if needed). */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why bpftrace cannot run here, or empty when it can. Mounts tracefs when it is not mounted. */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("bpftrace needs root (the agent runs as " + System.getProperty("user.name") + ")");
        }
        try {
            Result v = run(List.of("bpftrace", "--version"), 10_000);
            if (v.exit() != 0) {
                return Optional.of("`bpftrace --version` exited " + v.exit() + ": "
                        + v.output().strip());
            }
        } catch (DriverException e) {
            return Optional.of("bpftrace is not installed: " + e.getMessage());
        }
        return ensureTracefs();
    }

    /** Mounts tracefs on /sys/kernel/tracing unless its events are already there; the problem, if any. */
    static Optional<String> ensureTracefs() {
        if (Files.isDirectory(TRACEFS.resolve("events/sched"))) {
            return Optional.empty();
        }
        String how;
        try {
            Result m = run(List.of("mount", "-t", "tracefs", "tracefs", TRACEFS.toString()), 10_000);
            how = "`mount -t tracefs tracefs " + TRACEFS + "` exited " + m.exit() + ": "
                    + m.output().strip();
        } catch (DriverException e) {
            how = e.getMessage();
        }
        if (Files.isDirectory(TRACEFS.resolve("events/sched"))) {
            return Optional.empty();
        }
        return Optional.of(
                "tracefs is not mounted at " + TRACEFS + " (no events/sched) and mounting it failed: " + how);
    }

    /**
     * Starts bpftrace and waits (up to {@code attachTimeoutMs}) until its probes are attached.
     *
     * @throws DriverException NotSupported when bpftrace cannot run here, OperationFailed when it does not start
     */
    public static BpftraceLatency start(Clock clock, long attachTimeoutMs) throws DriverException {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new DriverException(DriverException.NOT_SUPPORTED, reason.get());
        }
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("bpftrace", "-f", "json", "-e", PROGRAM);
            // a busy node has more (task, bucket) keys per second than bpftrace's default of 4096 per map
            pb.environment().put("BPFTRACE_MAP_KEYS_MAX", Integer.toString(MAP_KEYS_MAX));
            p = pb.start();
        } catch (IOException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot start bpftrace: " + e.getMessage(), e);
        }
        BpftraceLatency b = new BpftraceLatency(p, clock);
        b.startReaders();
        try {
            boolean ok = b.attached.await(attachTimeoutMs, TimeUnit.MILLISECONDS);
            if (!ok || !p.isAlive()) {
                String why = ok ? "it exited" : "its probes were not attached within " + attachTimeoutMs + " ms";
                b.close();
                throw new DriverException(
                        DriverException.OPERATION_FAILED, "bpftrace did not start: " + why + "; stderr: " + b.stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.close();
            throw new DriverException(DriverException.OPERATION_FAILED, "interrupted while starting bpftrace", e);
        }
        return b;
    }

    private void startReaders() {
        Thread out = new Thread(this::readStdout, "bpftrace-latency");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(this::readStderr, "bpftrace-latency-stderr");
        err.setDaemon(true);
        err.start();
    }

    private void readStdout() {
        BpftraceOutput parser = new BpftraceOutput(this::tgidOf);
        int intervals = 0;
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Optional<BpftraceInterval> done;
                try {
                    done = parser.accept(line, clock.millis());
                } catch (RuntimeException e) {
                    // never let one odd line kill the reader
                    LOG.log(System.Logger.Level.WARNING, "bpftrace: cannot read line: " + e);
                    continue;
                }
                if (parser.attached()) {
                    attached.countDown();
                }
                malformed = parser.malformed();
                if (done.isPresent()) {
                    latest = done.get();
                    if (++intervals % 60 == 0) {
                        tgids.clear(); // task ids are reused: forget them now and then
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "bpftrace: output ended: " + e.getMessage());
            }
        } finally {
            attached.countDown();
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "bpftrace exited; stderr: " + stderr());
            }
        }
    }

    private void readStderr() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.contains("RLIMIT_MEMLOCK")) {
                    continue; // harmless on kernels that account BPF memory by cgroup
                }
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > 20) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** The last lines bpftrace wrote to stderr (the memlock warning left out). */
    public String stderr() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** The process a kernel task belongs to (its tgid), from /proc; the task id itself when it is gone. */
    private int tgidOf(int tid) {
        return tgids.computeIfAbsent(tid, BpftraceLatency::readTgid);
    }

    static int readTgid(int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited already
        }
        return tid;
    }

    /** Whether bpftrace still runs. */
    public boolean running() {
        return process.isAlive() && !closed;
    }

    /**
     * The most recent complete second, or empty when there is none yet, bpftrace stopped, or it is older than
     * {@value #STALE_MS} ms (then the driver should report the latencies as not measured, not as zero).
     */
    public Optional<BpftraceInterval> latest() {
        BpftraceInterval l = latest;
        if (l.at() == 0 || !running() || clock.millis() - l.at() > STALE_MS) {
            return Optional.empty();
        }
        return Optional.of(l);
    }

    /** How many malformed output lines or entries were skipped. */
    public long malformed() {
        return malformed;
    }

    /** The bpftrace process id (for tests and diagnostics). */
    public long pid() {
        return process.pid();
    }

    /** Stops bpftrace (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    @Override
    public void close() {
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private record Result(int exit, String output) {}

    /** Runs a short command, output and errors together; a failure to run it at all is a DriverException. */
    private static Result run(List<String> command, long timeoutMs) throws DriverException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<String> out =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    });
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new DriverException(
                        DriverException.OPERATION_FAILED, "`" + String.join(" ", command) + "` timed out");
            }
            String output;
            try {
                output = out.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                output = "";
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "cannot run `" + String.join(" ", command) + "`: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "interrupted running `" + String.join(" ", command) + "`", e);
        }
    }
}
