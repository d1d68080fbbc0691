package io.zonedeck.compute;

import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A version number that moves whenever any machine changes; views poll it once a second to refresh. Changes made
 * here move it at once; changes made by another portal instance move it within a second, when the newest
 * {@code updated_at} of jobs and machines in the database moves (two indexed lookups a second).
 */
@Component
public class ChangeFeed {
    private final AtomicLong version = new AtomicLong();
    private final JobRepository jobs;
    private final MachineRepository machines;
    private volatile String seen = "";

    ChangeFeed(JobRepository jobs, MachineRepository machines) {
        this.jobs = jobs;
        this.machines = machines;
    }

    @EventListener
    void on(MachineChanged e) {
        version.incrementAndGet();
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void pollDatabase() {
        Instant job;
        Instant machine;
        try {
            job = jobs.lastUpdate();
            machine = machines.lastUpdate();
        } catch (DataAccessException e) {
            return; // the database is away: nothing changes until it is back
        }
        String now = job + "/" + machine;
        if (!Objects.equals(now, seen)) {
            seen = now;
            version.incrementAndGet();
        }
    }

    public long version() {
        return version.get();
    }
}
