package io.zonedeck.compute;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.zonedeck.base.PortalInstance;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Machine jobs on db-scheduler. A job is accepted as a job row and a scheduled execution, written in the same
 * transaction, so a 2xx means both are committed. Any instance picks up any due execution; one whose instance
 * died (its heartbeat stops) is revived and run by another. An execution that ends with the database away or the
 * portal stopping is run again with a growing delay; a job's own failures end the job, not the execution.
 */
@Configuration
class MachineJobs {
    /** The task's payload: the job it runs (its parameters are the job row's). */
    record JobRef(UUID jobId) {}

    static final TaskDescriptor<JobRef> MACHINE_JOB = TaskDescriptor.of("machine-job", JobRef.class);
    private static final Logger log = LoggerFactory.getLogger(MachineJobs.class);

    /** Emitted inside the accepting transaction: after commit, the local scheduler looks for due jobs at once. */
    record JobAccepted(UUID jobId) {}

    private final ObjectProvider<Scheduler> scheduler;
    private final JobRepository jobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    MachineJobs(
            ObjectProvider<Scheduler> scheduler,
            JobRepository jobs,
            PlatformTransactionManager txManager,
            Clock clock) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /** Each instance has its own name, so db-scheduler tells instances apart. */
    @Bean
    DbSchedulerCustomizer dbSchedulerCustomizer(PortalInstance instance) {
        String name = instance.name();
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(name));
            }

            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JacksonSerializer()); // readable task data: {"jobId":"…"}
            }
        };
    }

    @Bean
    OneTimeTask<JobRef> machineJobTask(JobRunner runner) {
        return Tasks.oneTime(MACHINE_JOB)
                .onFailure(new RetryWithBackoff())
                .execute((instance, ctx) -> runner.run(instance.getData().jobId()));
    }

    /** Schedules the job's execution; call inside the transaction that writes the job row. */
    static void schedule(SchedulerClient client, JobEntity job, Instant now) {
        client.scheduleIfNotExists(
                MACHINE_JOB.instance(job.id.toString()).data(new JobRef(job.id)).scheduledTo(now));
    }

    @TransactionalEventListener
    void onAccepted(JobAccepted e) {
        Scheduler s = scheduler.getIfAvailable();
        if (s != null) {
            s.triggerCheckForDueExecutions();
        }
    }

    /**
     * Active jobs without an execution (written by a portal before jobs ran on db-scheduler) get one. A job that
     * has one is left alone: its instance runs it, or db-scheduler revives it when that instance is dead.
     */
    @EventListener(ApplicationReadyEvent.class)
    void adoptJobsWithoutExecution() {
        SchedulerClient client = scheduler.getObject();
        tx.executeWithoutResult(s -> {
            for (JobEntity j : jobs.findByStateIn(JobAdmission.ACTIVE_JOB_STATES)) {
                if (client.getScheduledExecution(MACHINE_JOB.instanceId(j.id.toString()))
                        .isEmpty()) {
                    log.info("scheduling {} job {} for machine {}", j.action, j.id, j.machineId);
                    schedule(client, j, clock.instant());
                }
            }
        });
    }

    /** Runs the execution again after 1 s, 2 s, 4 s … at most a minute apart: a job is never dropped. */
    static final class RetryWithBackoff implements FailureHandler<JobRef> {
        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<JobRef> operations) {
            int failures = Math.min(6, complete.getExecution().consecutiveFailures);
            Duration delay = Duration.ofSeconds(1L << failures);
            log.info(
                    "job {} will run again in {} s: {}",
                    complete.getExecution().taskInstance.getId(),
                    delay.toSeconds(),
                    complete.getCause().map(Throwable::getMessage).orElse("no cause"));
            operations.reschedule(complete, complete.getTimeDone().plus(delay));
        }
    }
}
