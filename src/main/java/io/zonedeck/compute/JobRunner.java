package io.zonedeck.compute;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.AgentClient;
import io.zonedeck.nodes.NodeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs durable jobs. A job is a row; this runner drives it against the machine's node agent, step by step,
 * with a timeout on every wait (vmadm's: 300 s provision, +300 s per 4 GiB for HVM; 60 s stop for zones,
 * 180 s for HVM), retries transient agent failures with backoff, and on failure compensates (releases the
 * IP and the placement) and leaves the machine failed with the reason. It runs on db-scheduler's threads
 * ({@link MachineJobs}): any portal instance runs any due job, and a job whose instance died is run again by
 * another, so every step is idempotent against the agent and no completed step is recorded twice.
 */
@Component
class JobRunner {
    private static final java.util.Set<String> LIFECYCLE =
            java.util.Set.of("create", "start", "stop", "reboot", "delete");
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private final JobRepository jobs;
    private final MachineRepository machines;
    private final MachinePayloads payloads;
    private final io.zonedeck.compute.internal.NicRepository nics;
    private final NetworkService networks;
    private final NodeRegistry nodes;
    private final ChangeSteps changes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long pollMillis;
    /** Scales every step timeout (tests of the timeout paths use a small one; production keeps vmadm's). */
    private final double timeoutFactor;

    private volatile boolean stopping;
    /** Per machine: bumped by every state event from its node, so a waiting job wakes at once. */
    private final java.util.Map<UUID, java.util.concurrent.atomic.AtomicLong> signals =
            new java.util.concurrent.ConcurrentHashMap<>();

    JobRunner(
            JobRepository jobs,
            MachineRepository machines,
            MachinePayloads payloads,
            io.zonedeck.compute.internal.NicRepository nics,
            NetworkService networks,
            NodeRegistry nodes,
            ChangeSteps changes,
            ApplicationEventPublisher events,
            PlatformTransactionManager txManager,
            Clock clock,
            @Value("${zonedeck.jobs.poll-millis:500}") long pollMillis,
            @Value("${zonedeck.jobs.timeout-factor:1.0}") double timeoutFactor) {
        this.jobs = jobs;
        this.machines = machines;
        this.payloads = payloads;
        this.nics = nics;
        this.networks = networks;
        this.nodes = nodes;
        this.changes = changes;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.pollMillis = pollMillis;
        this.timeoutFactor = timeoutFactor;
    }

    /** A node reported a state change of a machine: its waiting job (if any) looks again now. */
    @EventListener
    void onMachineEvent(io.zonedeck.nodes.NodeEvents.MachineEventReceived e) {
        if (e.event().uuid() == null) {
            return;
        }
        java.util.concurrent.atomic.AtomicLong signal = signals.get(e.event().uuid());
        if (signal != null) {
            synchronized (signal) {
                signal.incrementAndGet();
                signal.notifyAll();
            }
        }
    }

    private long signal(UUID machineId) {
        return signals.computeIfAbsent(machineId, k -> new java.util.concurrent.atomic.AtomicLong())
                .get();
    }

    /** Waits for the machine's next event, or the poll interval, whichever comes first. */
    private void pauseFor(UUID machineId, long seen) {
        java.util.concurrent.atomic.AtomicLong signal =
                signals.computeIfAbsent(machineId, k -> new java.util.concurrent.atomic.AtomicLong());
        synchronized (signal) {
            if (signal.get() != seen) {
                return;
            }
            try {
                signal.wait(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailure("interrupted");
            }
        }
    }

    /**
     * Runs the job to its end on this thread. Throws {@link JobInterrupted} when the portal is stopping and a
     * {@link DataAccessException} or {@link TransactionException} when the database is away: the job then stays
     * active and db-scheduler runs it again (here or on another instance).
     */
    void run(UUID jobId) {
        JobEntity job = null;
        try {
            job = tx.execute(s -> jobs.findById(jobId).orElse(null));
            if (job != null && MachineService.ACTIVE_JOB_STATES.contains(job.state)) {
                runOnce(job);
            }
        } finally {
            if (job != null) {
                signals.remove(job.machineId);
            }
        }
    }

    private void runOnce(JobEntity job) {
        UUID jobId = job.id;
        MachineEntity m = tx.execute(s -> machines.findById(job.machineId).orElse(null));
        if (m == null) {
            finish(jobId, "failed", "machine no longer exists");
            return;
        }
        update(jobId, "running", "contacting node", 5, null);
        if (m.nodeId == null && "delete".equals(job.action)) {
            forget(m); // a create that failed gave its node back: nothing to delete there
            finish(jobId, "succeeded", null);
            return;
        }
        if (m.nodeId == null) {
            finish(jobId, "failed", "the machine has no node (its create failed): delete it and create it again");
            return;
        }
        try {
            AgentClient agent = nodes.client(m.nodeId);
            switch (job.action) {
                case "create" -> create(jobId, m, agent);
                case "start" -> transition(jobId, m, agent, "start", MachineState.RUNNING, timeoutFor(m, false));
                case "stop" -> transition(jobId, m, agent, "stop", MachineState.STOPPED, timeoutFor(m, true));
                case "reboot" ->
                    transition(
                            jobId,
                            m,
                            agent,
                            "reboot",
                            MachineState.RUNNING,
                            timeoutFor(m, true).plusSeconds(60));
                case "delete" -> delete(jobId, m, agent);
                case "resize", "rename", "update-tags", "update-metadata", "add-nic", "remove-nic", "throttle" ->
                    changes.update(ctx(jobId), job.action, JobParams.read(job.action, job.params), m, agent);
                case "snapshot", "rollback", "delete-snapshot" ->
                    changes.snapshot(ctx(jobId), job.action, JobParams.read(job.action, job.params), m, agent);
                default -> throw new JobFailure("unknown action " + job.action);
            }
            finish(jobId, "succeeded", null);
        } catch (DataAccessException | TransactionException e) {
            throw e; // nothing is compensated for a database that is away: the job runs again when it is back
        } catch (JobFailure | AgentCallException e) {
            if (stopping) {
                throw new JobInterrupted(); // the job stays active: another instance (or the next start) goes on
            }
            log.info("job {} ({} {}) failed: {}", jobId, job.action, m.name, e.getMessage());
            compensate(job, m, e.getMessage());
            finish(jobId, "failed", e.getMessage());
        } catch (RuntimeException e) {
            if (stopping) {
                throw new JobInterrupted();
            }
            log.error("job {} crashed", jobId, e);
            compensate(job, m, "internal error");
            finish(jobId, "failed", "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void create(UUID jobId, MachineEntity m, AgentClient agent) {
        CreatePayload payload;
        try {
            payload = payloads.payload(m);
        } catch (IllegalStateException e) {
            throw new JobFailure(e.getMessage());
        }
        boolean hvm = MachineRules.isHvm(m.brand);
        update(jobId, "running", "sending payload to node", 10, "placed on node");
        retrying(() -> agent.create(payload));
        Duration timeout = scaled(Duration.ofSeconds(300 + (hvm ? 300 * Math.max(1, m.ramMiB / 4096) : 0)));
        MachineInfo done = await(jobId, agent, m.id, timeout, info -> {
            if (info.provisionStep() != null) {
                int p = info.provisionProgress() == null ? 50 : info.provisionProgress();
                update(jobId, "running", info.provisionStep(), Math.max(15, Math.min(95, p)), null);
            }
            return info.state() == MachineState.RUNNING || info.state() == MachineState.FAILED;
        });
        if (done.state() == MachineState.FAILED) {
            throw new JobFailure(done.error() == null ? "provisioning failed on the node" : done.error());
        }
        setState(m, "running", null);
    }

    private void transition(
            UUID jobId, MachineEntity m, AgentClient agent, String action, MachineState target, Duration timeout) {
        MachineInfo now = agent.machine(m.id).orElseThrow(() -> new JobFailure("machine is missing on its node"));
        if (now.state() == target && !"reboot".equals(action)) {
            setState(m, target.wire(), null);
            return;
        }
        setState(
                m,
                switch (action) {
                    case "start" -> "starting";
                    case "stop" -> "stopping";
                    default -> "rebooting";
                },
                null);
        update(jobId, "running", action + " requested", 20, "node reachable");
        retrying(() -> agent.action(m.id, action));
        update(jobId, "running", "waiting for " + target.wire(), 50, action + " accepted by node");
        MachineInfo done = await(
                jobId, agent, m.id, timeout, info -> info.state() == target || info.state() == MachineState.FAILED);
        if (done.state() != target) {
            throw new JobFailure(action + " failed on the node: "
                    + (done.error() == null ? done.state().wire() : done.error()));
        }
        setState(m, target.wire(), null);
    }

    private void delete(UUID jobId, MachineEntity m, AgentClient agent) {
        setState(m, "deleting", null);
        if (agent.machine(m.id).isPresent()) {
            update(jobId, "running", "deleting on node", 30, "node reachable");
            retrying(() -> {
                agent.delete(m.id);
                return null;
            });
            Instant deadline = clock.instant().plus(timeoutFor(m, true).plusSeconds(60));
            while (agent.machine(m.id).isPresent()) {
                if (clock.instant().isAfter(deadline)) {
                    throw new JobFailure("node did not delete the machine in time");
                }
                pause();
            }
        }
        update(jobId, "running", "releasing address", 90, "deleted on node");
        forget(m);
    }

    private void forget(MachineEntity m) {
        tx.executeWithoutResult(s -> {
            networks.release(m.id);
            machines.deleteById(m.id);
        });
        events.publishEvent(new MachineChanged(m.id, m.tenantId, "destroyed"));
    }

    /** What the change steps need of the runner: progress, retries, waits and state changes. */
    JobContext ctx(UUID jobId) {
        return new JobContext() {
            @Override
            public void step(String step, int progress, String completed) {
                update(jobId, "running", step, progress, completed);
            }

            @Override
            public <T> T retrying(Supplier<T> call) {
                return JobRunner.this.retrying(call);
            }

            @Override
            public void restart(MachineEntity m, AgentClient agent, int progress) {
                transition(jobId, m, agent, "stop", MachineState.STOPPED, timeoutFor(m, true));
                update(jobId, "running", "starting again", progress, "stopped to apply the change");
                transition(jobId, m, agent, "start", MachineState.RUNNING, timeoutFor(m, false));
            }

            @Override
            public void machineState(MachineEntity m, String state) {
                setState(m, state, null);
            }

            @Override
            public void changed(MachineEntity m) {
                events.publishEvent(new MachineChanged(m.id, m.tenantId, null));
            }
        };
    }

    /** Compensation: a failed create gives back its address and placement; any failure leaves the reason. */
    private void compensate(JobEntity job, MachineEntity m, String reason) {
        if ("create".equals(job.action) && m.nodeId != null) {
            try {
                nodes.client(m.nodeId).delete(m.id); // best effort: leave no half-made machine behind
            } catch (RuntimeException e) {
                log.info("could not remove the failed machine {} from its node: {}", m.id, e.getMessage());
            }
        }
        try {
            changes.compensate(job.action, JobParams.read(job.action, job.params), m.id);
        } catch (RuntimeException e) {
            log.warn("compensation of job {} ({}) failed", job.id, job.action, e);
        }
        tx.executeWithoutResult(s -> machines.findById(m.id).ifPresent(e -> {
            if ("create".equals(job.action)) {
                networks.release(m.id);
                nics.deleteByMachineId(m.id);
                e.ip = null;
                e.nodeId = null;
            }
            e.state = "create".equals(job.action) || "delete".equals(job.action) ? "failed" : current(e);
            if (LIFECYCLE.contains(job.action)) {
                e.error = reason; // a failed change leaves the machine as it was; its job tells why
            }
            e.updatedAt = clock.instant();
        }));
        events.publishEvent(new MachineChanged(m.id, m.tenantId, "failed"));
    }

    private String current(MachineEntity e) {
        try {
            return nodes.client(e.nodeId)
                    .machine(e.id)
                    .map(i -> i.state().wire())
                    .orElse("missing");
        } catch (RuntimeException ex) {
            return "unknown";
        }
    }

    private interface Check {
        boolean done(MachineInfo info);
    }

    private MachineInfo await(UUID jobId, AgentClient agent, UUID uuid, Duration timeout, Check check) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            long seen = signal(uuid);
            Optional<MachineInfo> info = retrying(() -> agent.machine(uuid));
            if (info.isPresent() && check.done(info.get())) {
                return info.get();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new JobFailure("timed out after " + timeout.toSeconds() + " s");
            }
            pauseFor(uuid, seen);
        }
    }

    /** Retries transient agent failures (unreachable, 5xx, busy) 5 times with exponential backoff. */
    private <T> T retrying(Supplier<T> call) {
        long backoff = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (AgentCallException e) {
                if (!e.transientFailure() || attempt >= 5) {
                    throw e;
                }
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private void setState(MachineEntity m, String state, String error) {
        tx.executeWithoutResult(s -> machines.updateState(m.id, state, error, clock.instant()));
        events.publishEvent(new MachineChanged(m.id, m.tenantId, state));
    }

    private void update(UUID jobId, String state, String step, int progress, String completedStep) {
        tx.executeWithoutResult(s -> jobs.findById(jobId).ifPresent(j -> {
            String done = j.stepLog == null ? "" : j.stepLog;
            if (completedStep != null && !List.of(done.split("\n")).contains(completedStep)) {
                j.stepLog = (done.isEmpty() ? "" : done + "\n") + completedStep; // a job run again skips what it did
            }
            j.state = state;
            j.step = step;
            j.progress = Math.max(j.progress, progress);
            j.updatedAt = clock.instant();
            events.publishEvent(new MachineChanged(j.machineId, j.tenantId, null));
        }));
    }

    private void finish(UUID jobId, String state, String error) {
        tx.executeWithoutResult(s -> jobs.findById(jobId).ifPresent(j -> {
            j.state = state;
            j.step = "succeeded".equals(state) ? "done" : "failed";
            j.progress = "succeeded".equals(state) ? 100 : j.progress;
            j.error = error == null ? null : truncate(error);
            j.finishedAt = clock.instant();
            j.updatedAt = j.finishedAt;
            events.publishEvent(new MachineChanged(j.machineId, j.tenantId, null));
        }));
    }

    private Duration timeoutFor(MachineEntity m, boolean stopping) {
        return scaled(Duration.ofSeconds(stopping && MachineRules.isHvm(m.brand) ? 180 : 60));
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max(500, (long) (d.toMillis() * timeoutFactor)));
    }

    private static String truncate(String s) {
        return s.length() > 900 ? s.substring(0, 900) : s;
    }

    private void pause() {
        sleep(pollMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailure("interrupted");
        }
    }

    /** Published before any bean is destroyed: db-scheduler interrupts running jobs after this. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    /** The portal is stopping: the job is neither finished nor compensated, it runs again elsewhere. */
    static final class JobInterrupted extends RuntimeException {
        JobInterrupted() {
            super("the portal is stopping", null, false, false);
        }
    }

    static final class JobFailure extends RuntimeException {
        JobFailure(String message) {
            super(message);
        }
    }
}
