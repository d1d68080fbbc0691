package io.zonedeck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.metering.internal.UsageHours;
import io.zonedeck.metrics.NodeSampleReceived;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The meter against the real V9 table in a private H2 database: what a flush stores, and what it never does. */
class UsageMeterTest {
    static final long HOUR = 3_600_000L;
    /** 2025-03-10T10:00:00Z */
    static final long T10 = Instant.parse("2025-03-10T10:00:00Z").toEpochMilli();

    final UUID node = UUID.randomUUID();
    final UUID web = UUID.randomUUID();
    final UUID stranger = UUID.randomUUID();
    final UUID tenant = UUID.randomUUID();
    final TestClock clock = new TestClock(T10 + 2 * HOUR);
    final List<MeteredMachine> managed = new ArrayList<>();
    final AtomicInteger factReads = new AtomicInteger();
    JdbcTemplate jdbc;
    UsageHours store;

    @BeforeEach
    void database() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:meter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(ds);
        String ddl = Files.readString(Path.of("src/main/resources/db/migration/V9__metering.sql"));
        for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.execute(statement);
            }
        }
        store = new UsageHours(jdbc);
        managed.add(new MeteredMachine(web, tenant, "web-01", "g1-small", "std-small", 36));
    }

    /** Leases of every node: this meter is the only instance. */
    static io.zonedeck.nodes.NodeLeases holdingEveryNode() {
        io.zonedeck.nodes.NodeLeases leases = org.mockito.Mockito.mock(io.zonedeck.nodes.NodeLeases.class);
        org.mockito.Mockito.when(leases.holds(org.mockito.ArgumentMatchers.any()))
                .thenReturn(true);
        return leases;
    }

    UsageMeter meter() {
        MeteredMachines source = () -> {
            factReads.incrementAndGet();
            return List.copyOf(managed);
        };
        UsageMeter meter = new UsageMeter(
                store,
                new MachineFacts(List.of(source), clock),
                clock,
                Duration.ofMinutes(1),
                UsageMeterTest.holdingEveryNode());
        meter.seedFromStore();
        return meter;
    }

    static MachineSample sample(UUID machine, double cpuPct, long memCapMiB, long rx, long tx) {
        return new MachineSample(machine, cpuPct, 100, memCapMiB / 2, memCapMiB, 0, 0, rx, tx);
    }

    void feed(UsageMeter meter, long t, MachineSample... machines) {
        meter.onSample(new NodeSampleReceived(node, t, new NodeSample(10, 1000, List.of(machines))));
    }

    Map<String, Object> row(UUID machine, long hourStart) {
        return jdbc.queryForMap(
                "select * from usage_hour where machine_id = ? and hour_start = ?",
                machine,
                Instant.ofEpochMilli(hourStart).atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    @Test
    void each_second_counts_cpu_ram_disk_and_network_into_its_utc_hour() {
        UsageMeter meter = meter();
        feed(meter, T10 + 1000, sample(web, 50, 1024, 100, 50));
        feed(meter, T10 + 2000, sample(web, 150, 1024, 200, 0));
        assertThat(meter.flush().rows()).isEqualTo(1);

        Map<String, Object> r = row(web, T10);
        assertThat((double) r.get("CPU_SECONDS")).isCloseTo(2.0, within(1e-9)); // 0.5 + 1.5 CPU-seconds
        assertThat((double) r.get("RAM_GIB_HOURS")).isCloseTo(2.0 / 3600, within(1e-12)); // 1 GiB for 2 s
        assertThat((double) r.get("DISK_GIB_HOURS")).isCloseTo(2 * 36.0 / 3600, within(1e-12));
        assertThat(r.get("NET_BYTES")).isEqualTo(350L);
        assertThat(r.get("SAMPLES")).isEqualTo(2L);
        assertThat(r.get("TENANT_ID")).isEqualTo(tenant);
        assertThat(r).containsEntry("MACHINE_NAME", "web-01").containsEntry("BILLING_TAG", "std-small");
    }

    @Test
    void samples_either_side_of_an_hour_boundary_go_to_their_own_hours() {
        UsageMeter meter = meter();
        feed(meter, T10 + HOUR - 1000, sample(web, 100, 1024, 0, 0)); // 10:59:59
        feed(meter, T10 + HOUR, sample(web, 100, 1024, 0, 0)); // 11:00:00
        feed(meter, T10 + HOUR + 1000, sample(web, 100, 1024, 0, 0));
        assertThat(meter.flush().rows()).isEqualTo(2);
        assertThat(row(web, T10)).containsEntry("SAMPLES", 1L);
        assertThat(row(web, T10 + HOUR)).containsEntry("SAMPLES", 2L);
        assertThat((double) row(web, T10 + HOUR).get("CPU_SECONDS")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void a_sample_replayed_after_a_reconnect_is_not_counted_twice() {
        UsageMeter meter = meter();
        for (int s = 1; s <= 5; s++) {
            feed(meter, T10 + s * 1000, sample(web, 100, 1024, 10, 0));
        }
        // the stream resumes from an older sequence: seconds 3..5 come again, then 6 is new
        for (int s = 3; s <= 6; s++) {
            feed(meter, T10 + s * 1000, sample(web, 100, 1024, 10, 0));
        }
        meter.flush();
        assertThat(row(web, T10)).containsEntry("SAMPLES", 6L).containsEntry("NET_BYTES", 60L);
    }

    @Test
    void samples_of_machines_the_portal_does_not_manage_are_ignored() {
        UsageMeter meter = meter();
        feed(meter, T10 + 1000, sample(web, 100, 1024, 0, 0), sample(stranger, 100, 1024, 0, 0));
        UsageMeter.Flushed flushed = meter.flush();
        assertThat(flushed.rows()).isEqualTo(1);
        assertThat(flushed.dropped()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from usage_hour where machine_id = ?", Long.class, stranger))
                .isZero();
    }

    @Test
    void a_machine_created_after_the_facts_were_read_is_counted_with_its_disk_at_the_flush() {
        UsageMeter meter = meter();
        UUID fresh = UUID.randomUUID();
        feed(meter, T10 + 1000, sample(fresh, 100, 2048, 0, 0)); // facts not loaded yet: unresolved
        managed.add(new MeteredMachine(fresh, tenant, "new-01", "g1-medium", "", 72));
        meter.flush();
        assertThat((double) row(fresh, T10).get("DISK_GIB_HOURS")).isCloseTo(72.0 / 3600, within(1e-12));
        assertThat(row(fresh, T10)).containsEntry("MACHINE_NAME", "new-01");
    }

    @Test
    void each_flush_adds_only_what_was_counted_since_the_previous_one() {
        UsageMeter meter = meter();
        feed(meter, T10 + 1000, sample(web, 100, 1024, 5, 5));
        meter.flush();
        feed(meter, T10 + 2000, sample(web, 100, 1024, 5, 5));
        feed(meter, T10 + 3000, sample(web, 100, 1024, 5, 5));
        meter.flush();
        meter.flush(); // nothing new: adds nothing
        Map<String, Object> r = row(web, T10);
        assertThat(r).containsEntry("SAMPLES", 3L).containsEntry("NET_BYTES", 30L);
        assertThat((double) r.get("CPU_SECONDS")).isCloseTo(3.0, within(1e-9));
        assertThat(r).containsEntry("LAST_SAMPLE_AT", T10 + 3000);
    }

    @Test
    void after_a_restart_replayed_samples_already_stored_are_not_counted_again() {
        UsageMeter before = meter();
        for (int s = 1; s <= 4; s++) {
            feed(before, T10 + s * 1000, sample(web, 100, 1024, 0, 0));
        }
        before.stop(); // shutdown flush

        UsageMeter after = meter(); // a fresh instance reads the last counted sample from the table
        for (int s = 1; s <= 6; s++) { // the agent replays its ring buffer: 1..4 again, 5 and 6 new
            feed(after, T10 + s * 1000, sample(web, 100, 1024, 0, 0));
        }
        after.flush();
        assertThat(row(web, T10)).containsEntry("SAMPLES", 6L);
    }

    @Test
    void a_failed_store_keeps_the_usage_for_the_next_flush() {
        UsageMeter meter = meter();
        feed(meter, T10 + 1000, sample(web, 100, 1024, 0, 0));
        jdbc.execute("alter table usage_hour rename to usage_hour_away");
        assertThat(meter.flush().rows()).isZero();
        jdbc.execute("alter table usage_hour_away rename to usage_hour");
        feed(meter, T10 + 2000, sample(web, 100, 1024, 0, 0));
        assertThat(meter.flush().rows()).isEqualTo(1);
        assertThat(row(web, T10)).containsEntry("SAMPLES", 2L);
    }

    @Test
    void facts_are_read_once_per_flush_not_per_sample_and_silent_machines_are_forgotten() {
        UsageMeter meter = meter();
        meter.flush(); // loads the facts
        int reads = factReads.get();
        for (int s = 1; s <= 300; s++) {
            feed(meter, T10 + s * 1000, sample(web, 10, 1024, 0, 0));
        }
        assertThat(factReads.get()).isEqualTo(reads);
        meter.flush();
        clock.set(T10 + 300_000 + UsageMeter.IDLE.toMillis() + 1000);
        meter.flush();
        assertThat(meter.trackedMachines()).isZero();
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private final AtomicLong millis;

        TestClock(long start) {
            millis = new AtomicLong(start);
        }

        void set(long value) {
            millis.set(value);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
