package io.zonedeck.nodes;

import io.zonedeck.base.PortalInstance;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-node singleton work (metering, reconcile, node state, failover history) is done by the holder of the node's
 * lease, a row of {@code node_lease} with a short expiry that its holder renews every {@value #RENEW_MILLIS} ms.
 * When the holder dies its leases expire and another instance takes them over within {@code TERM} + one renewal
 * (13 s). Every instance still reads every node's stream for its own live charts. {@link #holds} answers from
 * what this instance last wrote, and only while that is still valid with a second to spare, so two instances never
 * both believe they hold a node (given clocks within a second of each other).
 */
@Component
public class NodeLeases {
    static final Duration TERM = Duration.ofSeconds(10);
    static final long RENEW_MILLIS = 3000;
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(NodeLeases.class);

    private final JdbcTemplate jdbc;
    private final NodeRegistry registry;
    private final Clock clock;
    private final String me;
    private final org.springframework.context.ApplicationEventPublisher events;
    /** Leases this instance holds, with the expiry it wrote: a cache of rows, valid only until that expiry. */
    private final Map<UUID, Instant> held = new ConcurrentHashMap<>();
    /** Nodes the last renewal looked at, and this instance's share then (all, before the first renewal). */
    private final java.util.Set<UUID> considered = ConcurrentHashMap.newKeySet();

    private volatile int fair = Integer.MAX_VALUE;

    NodeLeases(
            JdbcTemplate jdbc,
            NodeRegistry registry,
            Clock clock,
            PortalInstance instance,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
        this.me = instance.name();
    }

    /**
     * Whether this instance holds the node's lease now (and may do the node's singleton work). Answers from memory:
     * hot paths (every sample) ask it, the database is asked by {@link #renewAll} only.
     */
    public boolean holds(UUID nodeId) {
        Instant until = held.get(nodeId);
        if (until == null && considered.add(nodeId) && held.size() < fair) {
            renew(nodeId); // a node registered since the last renewal: try once, not on every sample
            until = held.get(nodeId);
        }
        return until != null && clock.instant().isBefore(until.minus(MARGIN));
    }

    /**
     * Every {@value #RENEW_MILLIS} ms: says this instance is alive, gives back leases beyond its fair share (nodes
     * divided by live instances, rounded up) so a newly started instance gets some, renews the rest and takes
     * expired or untaken ones up to that share.
     */
    @Scheduled(fixedDelay = RENEW_MILLIS, initialDelay = 0)
    void renewAll() {
        try {
            Instant now = clock.instant();
            alive(now);
            List<UUID> nodes = registry.all().stream().map(Node::id).sorted().toList();
            Integer live = jdbc.queryForObject(
                    "select count(*) from portal_instance where seen_at > ?",
                    Integer.class,
                    Timestamp.from(now.minus(TERM)));
            int fair = (int) Math.ceil(nodes.size() / (double) Math.max(1, live == null ? 1 : live));
            this.fair = fair;
            considered.addAll(nodes);
            List<UUID> mine = nodes.stream().filter(held::containsKey).toList();
            for (UUID surplus : mine.subList(Math.min(fair, mine.size()), mine.size())) {
                held.remove(surplus);
                jdbc.update("delete from node_lease where node_id = ? and holder = ?", surplus, me);
                log.info("gave back the lease of node {} (fair share {} of {} nodes)", surplus, fair, nodes.size());
            }
            for (UUID nodeId : nodes) {
                if (held.containsKey(nodeId) || held.size() < fair) {
                    renew(nodeId);
                }
            }
            held.keySet().retainAll(nodes);
        } catch (DataAccessException e) {
            log.debug("node leases not renewed: {}", e.getMessage());
        }
    }

    private void alive(Instant now) {
        if (jdbc.update("update portal_instance set seen_at = ? where name = ?", Timestamp.from(now), me) == 0) {
            jdbc.update("insert into portal_instance (name, seen_at) values (?, ?)", me, Timestamp.from(now));
            jdbc.update(
                    "delete from portal_instance where seen_at < ?", Timestamp.from(now.minus(Duration.ofHours(1))));
        }
    }

    private void renew(UUID nodeId) {
        Instant now = clock.instant();
        Instant until = now.plus(TERM);
        try {
            int updated = jdbc.update(
                    "update node_lease set holder = ?, expires_at = ? where node_id = ? and (holder = ? or expires_at < ?)",
                    me,
                    Timestamp.from(until),
                    nodeId,
                    me,
                    Timestamp.from(now));
            if (updated == 0) {
                updated = jdbc.update(
                        "insert into node_lease (node_id, holder, expires_at) select ?, ?, ? where not exists"
                                + " (select 1 from node_lease where node_id = ?)",
                        nodeId,
                        me,
                        Timestamp.from(until),
                        nodeId);
            }
            if (updated == 1) {
                if (held.put(nodeId, until) == null) {
                    log.info("holding the lease of node {}", nodeId);
                    events.publishEvent(new NodeLeaseAcquired(nodeId));
                }
            } else {
                held.remove(nodeId);
            }
        } catch (DuplicateKeyException e) {
            held.remove(nodeId); // another instance inserted it first
        } catch (DataAccessException e) {
            log.debug("lease of node {} not renewed: {}", nodeId, e.getMessage());
        }
    }

    /** The holder of every node's lease, expired or not (for the metrics endpoint and diagnostics). */
    public Map<UUID, String> holders() {
        Map<UUID, String> all = new java.util.HashMap<>();
        jdbc.query("select node_id, holder from node_lease", rs -> {
            all.put(rs.getObject(1, UUID.class), rs.getString(2));
        });
        return all;
    }

    /** Number of leases this instance holds now. */
    public int heldCount() {
        Instant limit = clock.instant().plus(MARGIN);
        return (int) held.values().stream().filter(limit::isBefore).count();
    }

    /** A stopping instance gives its leases back, so another takes them over at its next renewal. */
    @PreDestroy
    void release() {
        held.clear();
        try {
            jdbc.update("delete from node_lease where holder = ?", me);
            jdbc.update("delete from portal_instance where name = ?", me);
        } catch (DataAccessException e) {
            log.debug("leases not released: {}", e.getMessage());
        }
    }
}
