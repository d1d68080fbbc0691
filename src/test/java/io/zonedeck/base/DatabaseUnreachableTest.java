package io.zonedeck.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DatabaseUnreachableTest {
    final DatabaseUnreachable analyzer = new DatabaseUnreachable();

    @Test
    void a_refused_connection_or_login_is_one_line_with_what_to_do() {
        FailureAnalysis refused = analyzer.analyze(new IllegalStateException(
                "Failed to initialize dependency 'flywayInitializer'",
                new SQLException(
                        "Connection to localhost:5999 refused. Check that the hostname and port are correct",
                        "08001")));
        assertThat(refused.getDescription())
                .isEqualTo("Cannot use the database: Connection to localhost:5999 refused. Check that the hostname and"
                        + " port are correct (SQL state 08001)");
        assertThat(refused.getAction()).contains("ZONEDECK_DB_URL");
        assertThat(analyzer.analyze(new SQLException("password authentication failed for user \"zd\"", "28P01"))
                        .getDescription())
                .contains("password authentication failed");
        assertThat(analyzer.analyze(new SQLException("duplicate key", "23505")))
                .as("not about reaching it")
                .isNull();
        assertThat(analyzer.analyze(new IllegalStateException("something else")))
                .isNull();
    }

    @Test
    void a_database_migrated_by_a_newer_portal_is_refused_with_the_reason() throws Exception {
        String url = "jdbc:h2:mem:newer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute(
                    "insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                            + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") values"
                            + " (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'sa', 1, true)");
        }
        // as application.yml configures it: future migrations are not ignored
        Throwable failure = catchThrowable(() -> Flyway.configure()
                .dataSource(url, "sa", "")
                .ignoreMigrationPatterns("")
                .load()
                .migrate());
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context failed", failure));
        assertThat(analysis.getDescription())
                .startsWith("The database schema does not match this portal:")
                .contains("999");
        assertThat(analysis.getDescription().lines()).hasSize(1);
    }
}
