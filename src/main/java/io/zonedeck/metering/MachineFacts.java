package io.zonedeck.metering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A short-lived snapshot of the managed machines' facts. Samples look facts up in it (a map read, never a
 * query); the flush thread reloads it, so the ingest threads never wait for the database.
 */
@Component
class MachineFacts {
    private static final Logger log = LoggerFactory.getLogger(MachineFacts.class);
    private final List<MeteredMachines> sources;
    private final Clock clock;
    private volatile Map<UUID, MeteredMachine> snapshot = Map.of();
    private volatile Instant loadedAt;

    MachineFacts(List<MeteredMachines> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** The machine's facts as last loaded, or null when it was not managed then. */
    MeteredMachine get(UUID machineId) {
        return snapshot.get(machineId);
    }

    /** Reloads when the snapshot is older than {@code maxAge} (or was never loaded); false when loading failed. */
    synchronized boolean refreshIfOlderThan(Duration maxAge) {
        Instant now = clock.instant();
        if (loadedAt != null && Duration.between(loadedAt, now).compareTo(maxAge) < 0) {
            return true;
        }
        try {
            Map<UUID, MeteredMachine> next = new HashMap<>();
            for (MeteredMachines source : sources) {
                source.meteredMachines().forEach(m -> next.put(m.machineId(), m));
            }
            snapshot = Map.copyOf(next);
            loadedAt = now;
            return true;
        } catch (RuntimeException e) {
            log.warn("metering: could not read the machines' facts: {}", e.getMessage());
            return false;
        }
    }

    int size() {
        return snapshot.size();
    }
}
