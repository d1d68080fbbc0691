package io.zonedeck.nodes;

import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.metrics.NodeSampleReceived;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One reader per node follows the agent's stream by sequence number (long-poll), so a reconnect resumes
 * where it stopped and nothing is counted twice; entries are published as application events.
 */
@Component
public class StreamIngest {
    private static final Logger log = LoggerFactory.getLogger(StreamIngest.class);
    private final NodeRegistry registry;
    private final ApplicationEventPublisher events;
    private final Map<UUID, Thread> readers = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicLong> positions = new ConcurrentHashMap<>();
    private final Map<UUID, Long> outageUntil = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastEntryAt = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong machineSeconds = new AtomicLong();
    private volatile boolean running = true;

    StreamIngest(NodeRegistry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startAll() {
        registry.all().forEach(n -> follow(n.id()));
    }

    /** Starts following a node's stream (no-op when already following). */
    public void follow(UUID nodeId) {
        readers.computeIfAbsent(nodeId, id -> {
            Thread t = new Thread(() -> read(id), "ingest-" + id.toString().substring(0, 8));
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    /** The last sequence number consumed from a node (for tests and diagnostics). */
    public long position(UUID nodeId) {
        return positions.getOrDefault(nodeId, new AtomicLong()).get();
    }

    /** Node samples read from every stream since start (each is one node-second). */
    public long samplesIngested() {
        return samples.get();
    }

    /** Machine-seconds carried by those samples. */
    public long machineSecondsIngested() {
        return machineSeconds.get();
    }

    /** How far behind the newest stream entry read from the node is (its timestamp to now), if any was read. */
    public java.util.OptionalLong lagMillis(UUID nodeId) {
        Long at = lastEntryAt.get(nodeId);
        return at == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(System.currentTimeMillis() - at);
    }

    /**
     * Drills and tests: the node's stream is unreachable for {@code millis} (no call reaches the agent, as in a
     * network outage); afterwards the reader resumes after the last sequence it consumed, so the agent's ring buffer
     * fills the gap.
     */
    public void simulateOutage(UUID nodeId, long millis) {
        outageUntil.put(nodeId, System.currentTimeMillis() + millis);
    }

    private void read(UUID nodeId) {
        AtomicLong after = positions.computeIfAbsent(nodeId, id -> new AtomicLong());
        long backoff = 500;
        while (running) {
            long outage = outageUntil.getOrDefault(nodeId, 0L) - System.currentTimeMillis();
            if (outage > 0) {
                sleep(Math.min(outage, 250));
                continue;
            }
            try {
                StreamBatch batch = registry.client(nodeId).stream(after.get(), 5000);
                if (batch.gap()) {
                    log.warn("node {}: stream entries were lost before seq {}", nodeId, batch.next());
                }
                for (StreamEntry e : batch.entries()) {
                    lastEntryAt.put(nodeId, e.timestamp());
                    if (e.sample() != null) {
                        samples.incrementAndGet();
                        machineSeconds.addAndGet(
                                e.sample().machines() == null
                                        ? 0
                                        : e.sample().machines().size());
                        events.publishEvent(new NodeSampleReceived(nodeId, e.timestamp(), e.sample()));
                    }
                    if (e.event() != null) {
                        events.publishEvent(new NodeEvents.MachineEventReceived(nodeId, e.timestamp(), e.event()));
                    }
                    if (e.vrrp() != null) {
                        events.publishEvent(new NodeEvents.VrrpTransitionReceived(nodeId, e.vrrp()));
                    }
                    after.set(e.seq());
                }
                // after a gap (e.g. the agent restarted and numbers from 1 again) follow the agent's numbering
                after.set(batch.gap() ? batch.next() : Math.max(after.get(), batch.next()));
                backoff = 500;
            } catch (RuntimeException e) {
                log.debug("node {} stream: {}", nodeId, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        readers.values().forEach(Thread::interrupt);
    }
}
