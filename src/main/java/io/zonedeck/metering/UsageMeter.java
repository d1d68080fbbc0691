package io.zonedeck.metering;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.metering.internal.UsageHours;
import io.zonedeck.metrics.NodeSampleReceived;
import io.zonedeck.nodes.NodeLeases;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Meters usage from the per-second samples: accumulates per machine per UTC hour in memory and adds the deltas
 * to the stored rows every {@code zonedeck.metering.flush-interval} (default 60 s) and on shutdown, so a crash
 * loses at most one interval and nothing is counted twice. Samples of machines the portal does not manage are
 * dropped at the flush.
 */
@Component
class UsageMeter {
    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);
    /** Machines silent this long are forgotten (their last timestamp is in the stored rows anyway). */
    static final Duration IDLE = Duration.ofHours(2);
    /** How far back the last counted samples are read at start (an agent's ring buffer holds far less). */
    static final Duration REPLAY_HORIZON = Duration.ofHours(25);

    private final UsageHours store;
    private final MachineFacts facts;
    private final Clock clock;
    private final Duration flushInterval;
    private final UsageAccumulator usage = new UsageAccumulator();
    private ScheduledExecutorService flusher;

    /** What one flush did. */
    record Flushed(int rows, long samples, long dropped) {}

    private final NodeLeases leases;

    UsageMeter(
            UsageHours store,
            MachineFacts facts,
            Clock clock,
            @Value("${zonedeck.metering.flush-interval:60s}") Duration flushInterval,
            NodeLeases leases) {
        this.leases = leases;
        this.store = store;
        this.facts = facts;
        this.clock = clock;
        this.flushInterval = flushInterval;
    }

    @PostConstruct
    void start() {
        seedFromStore();
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metering-flush");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(100, flushInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Reads the machines' facts once the application runs (before that no sample arrives). */
    @EventListener(ApplicationReadyEvent.class)
    void loadFacts() {
        flusher.execute(() -> facts.refreshIfOlderThan(Duration.ZERO));
    }

    /** After a restart, samples an agent replays that were already stored are not counted again. */
    void seedFromStore() {
        store.lastSamples(clock.instant().minus(REPLAY_HORIZON)).forEach(usage::seed);
    }

    /**
     * A node's lease came to this instance: what the previous holder stored is counted already. Without this, a
     * sample this instance replays from the node's buffer (its stream reader catching up) would be counted again
     * when this instance's own record of the machine is older than the previous holder's.
     */
    @EventListener
    public void onLeaseAcquired(io.zonedeck.nodes.NodeLeaseAcquired e) {
        seedFromStore();
    }

    @EventListener
    public void onSample(NodeSampleReceived e) {
        if (e.sample() == null || e.sample().machines() == null || !leases.holds(e.nodeId())) {
            return; // the holder of the node's lease meters it, once for all instances
        }
        for (MachineSample m : e.sample().machines()) {
            usage.add(e.timestamp(), m, facts.get(m.uuid()));
        }
    }

    /** Adds everything counted since the last flush to the stored rows. */
    synchronized Flushed flush() {
        List<UsageAccumulator.Pending> pending = usage.drain();
        if (pending.isEmpty()) {
            usage.prune(clock.millis() - IDLE.toMillis());
            return new Flushed(0, 0, 0);
        }
        boolean unresolved = pending.stream().anyMatch(p -> p.unresolvedSamples() > 0);
        facts.refreshIfOlderThan(unresolved ? Duration.ZERO : flushInterval);
        List<UsageHour> hours = new ArrayList<>(pending.size());
        List<UsageAccumulator.Pending> kept = new ArrayList<>(pending.size());
        long samples = 0;
        long dropped = 0;
        for (UsageAccumulator.Pending p : pending) {
            MeteredMachine now = facts.get(p.machineId());
            MeteredMachine m = now != null ? now : p.facts();
            if (m == null) {
                dropped += p.samples(); // not a machine the portal manages
                continue;
            }
            hours.add(new UsageHour(
                    p.machineId(),
                    Instant.ofEpochMilli(p.hourStart()),
                    m.tenantId(),
                    m.machineName(),
                    m.packageName(),
                    m.billingTag(),
                    p.cpuSeconds(),
                    p.ramGibHours(),
                    p.diskGibHours() + p.unresolvedSamples() * (m.diskGiB() / 3600.0),
                    p.netBytes(),
                    p.samples(),
                    p.lastSampleAt()));
            kept.add(resolved(p, m));
            samples += p.samples();
        }
        try {
            store.add(hours);
        } catch (RuntimeException e) {
            log.warn(
                    "metering: could not store {} usage rows, keeping them for the next flush: {}",
                    hours.size(),
                    e.getMessage());
            usage.restore(kept);
            return new Flushed(0, 0, dropped);
        }
        usage.prune(clock.millis() - IDLE.toMillis());
        return new Flushed(hours.size(), samples, dropped);
    }

    /** Machines the meter currently follows (for tests and diagnostics). */
    int trackedMachines() {
        return usage.machines();
    }

    private static UsageAccumulator.Pending resolved(UsageAccumulator.Pending p, MeteredMachine m) {
        return new UsageAccumulator.Pending(
                p.machineId(),
                p.hourStart(),
                m,
                p.cpuSeconds(),
                p.ramGibHours(),
                p.diskGibHours() + p.unresolvedSamples() * (m.diskGiB() / 3600.0),
                p.netBytes(),
                p.samples(),
                0,
                p.lastSampleAt());
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("metering flush failed: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Flushed last = flush();
            log.debug("metering: final flush stored {} rows", last.rows());
        } catch (RuntimeException e) {
            log.warn("metering: final flush failed: {}", e.getMessage());
        }
    }
}
