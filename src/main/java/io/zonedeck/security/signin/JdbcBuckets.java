package io.zonedeck.security.signin;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's select-for-update algorithm over the {@code sign_in_bucket} table, in SQL that H2 and PostgreSQL both
 * run (Bucket4j's PostgreSQL module uses {@code on conflict}, which H2 reads only in its PostgreSQL mode). Every
 * instance on one database counts the same failures: a bucket's row is locked while a failure is counted.
 */
final class JdbcBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration keep;

    JdbcBuckets(DataSource dataSource, Clock clock, Duration keep) {
        super(ClientSideConfig.getDefault());
        this.dataSource = dataSource;
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: no database connection", e);
        }
        return new SelectForUpdateBasedTransaction() {
            @Override
            public void begin(Optional<Long> timeout) {
                run(() -> connection.setAutoCommit(false));
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
                try (PreparedStatement select =
                        connection.prepareStatement("select state from sign_in_bucket where id = ? for update")) {
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeout) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into sign_in_bucket (id, state, expires_at) values (?, null, ?)")) {
                    insert.setString(1, key);
                    insert.setLong(2, clock.millis() + keep.toMillis());
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                        return false; // another instance inserted it first: the caller retries and locks that row
                    }
                    throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeout) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update sign_in_bucket set state = ?, expires_at = ? where id = ?")) {
                    update.setBytes(1, data);
                    update.setLong(2, clock.millis() + keep.toMillis());
                    update.setString(3, key);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
                }
            }

            @Override
            public void commit(Optional<Long> timeout) {
                run(connection::commit);
            }

            @Override
            public void rollback() {
                run(connection::rollback);
            }

            @Override
            public void release() {
                run(connection::close);
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from sign_in_bucket where id = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
        }
    }

    /** Buckets untouched for longer than the longest window are full again: their rows can go. */
    int removeExpired() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from sign_in_bucket where expires_at < ?")) {
            delete.setLong(1, clock.millis());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
        }
    }

    /** Records until when a bucket has no failure left (read by {@link #blockedUntil}, without a lock). */
    void block(String key, long untilMillis) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update =
                        c.prepareStatement("update sign_in_bucket set blocked_until = ? where id = ?")) {
            update.setLong(1, untilMillis);
            update.setString(2, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
        }
    }

    /** The latest {@code blocked_until} of these buckets (0 when none is blocked or none exists): no lock. */
    long blockedUntil(String... keys) {
        String marks = String.join(", ", java.util.Collections.nCopies(keys.length, "?"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select max(blocked_until) from sign_in_bucket where id in (" + marks + ")")) {
            for (int i = 0; i < keys.length; i++) {
                select.setString(i + 1, keys[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return false;
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private static void run(Sql sql) {
        try {
            sql.run();
        } catch (SQLException e) {
            throw new IllegalStateException("sign-in throttle: " + e.getMessage(), e);
        }
    }
}
