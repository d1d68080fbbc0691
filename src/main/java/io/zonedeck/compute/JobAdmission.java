package io.zonedeck.compute;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.zonedeck.audit.AuditScope;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import io.zonedeck.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts an operation on a machine as a durable job, in one transaction holding the machine's row lock: the
 * caller may see the machine (a foreign one is NotFound), no other job is active (Busy), its node answers
 * (NodeUnavailable), its state allows the operation (InvalidState), and the operation's own checks pass. The job
 * runs after commit.
 */
@Component
class JobAdmission {
    static final Set<String> ACTIVE_JOB_STATES = Set.of("queued", "running");

    /** An operation's own checks and reservations, run under the lock before the job is written. */
    interface Prepare {
        JobParams prepare(MachineEntity machine);
    }

    private final MachineRepository machines;
    private final JobRepository jobs;
    private final NodeRegistry nodes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final List<DeletionGuard> deletionGuards;
    private final SchedulerClient scheduler;

    JobAdmission(
            MachineRepository machines,
            JobRepository jobs,
            NodeRegistry nodes,
            ApplicationEventPublisher events,
            PlatformTransactionManager txManager,
            Clock clock,
            List<DeletionGuard> deletionGuards,
            SchedulerClient scheduler) {
        this.scheduler = scheduler;
        this.machines = machines;
        this.jobs = jobs;
        this.nodes = nodes;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.deletionGuards = List.copyOf(deletionGuards);
    }

    JobInfo admit(Caller caller, UUID id, String action, Set<String> allowedStates, Prepare prepare) {
        return tx.execute(s -> {
            MachineEntity m = machines.lockById(id)
                    .filter(x -> caller.canAccessTenant(x.tenantId))
                    .orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
            AuditScope.subjectTenant(m.tenantId); // an operator's refused action shows on the tenant's audit page
            jobs.findFirstByMachineIdAndStateIn(id, ACTIVE_JOB_STATES).ifPresent(j -> {
                throw ZoneDeckException.conflict(
                        "Busy",
                        "Machine " + m.name + " is busy: its " + j.action + " job is still running (" + j.progress
                                + "%). Try again when it has finished.");
            });
            if ("delete".equals(action)) {
                for (DeletionGuard guard : deletionGuards) {
                    guard.refuseDeletion(id).ifPresent(why -> {
                        throw ZoneDeckException.conflict("InUse", "Cannot delete " + m.name + ": " + why);
                    });
                }
            }
            if (m.nodeId != null
                    && nodes.find(m.nodeId)
                            .map(n -> n.state() != NodeState.ONLINE)
                            .orElse(false)) {
                throw ZoneDeckException.conflict(
                        "NodeUnavailable",
                        "The node of " + m.name + " is not responding; nothing is changed on it until it is back.");
            }
            if (!allowedStates.contains(m.state)) {
                throw ZoneDeckException.conflict(
                        "InvalidState",
                        "Cannot " + action.replace('-', ' ') + " " + m.name + " while it is " + m.state);
            }
            JobParams params = prepare.prepare(m);
            return MachineService.toInfo(newJob(m, action, caller, params));
        });
    }

    /** Writes a queued job; call inside a transaction. */
    JobEntity newJob(MachineEntity m, String action, Caller caller, JobParams params) {
        JobEntity j = new JobEntity();
        j.id = UUID.randomUUID();
        j.machineId = m.id;
        j.machineName = m.name;
        j.tenantId = m.tenantId;
        j.action = action;
        j.state = "queued";
        j.step = "queued";
        j.progress = 0;
        j.params = JobParams.write(params);
        j.createdBy = caller.username();
        j.createdAt = clock.instant();
        j.updatedAt = j.createdAt;
        jobs.saveAndFlush(j);
        MachineJobs.schedule(scheduler, j, j.createdAt); // committed with the job row, or not at all
        events.publishEvent(new MachineJobs.JobAccepted(j.id));
        events.publishEvent(new MachineChanged(m.id, m.tenantId, m.state));
        return j;
    }
}
