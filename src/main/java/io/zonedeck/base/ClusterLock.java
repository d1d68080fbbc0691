package io.zonedeck.base;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Named locks that hold across portal instances: a row of {@code cluster_lock} locked with {@code select … for
 * update} (PostgreSQL and H2 alike) until the current transaction ends. Coordination lives in the database, never
 * in a JVM monitor (docs/decisions/010-control-plane.md).
 */
@Component
public class ClusterLock {
    /** Serialises whatever fills nodes, quotas and address pools: creates, resizes, throttles, NICs. */
    public static final String PLACEMENT = "placement";

    private final JdbcTemplate jdbc;

    ClusterLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the lock named {@code name} and holds it until the current transaction commits or rolls back. */
    public void hold(String name) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a cluster lock is held by a transaction: none is active");
        }
        jdbc.queryForObject("select name from cluster_lock where name = ? for update", String.class, name);
    }
}
