package io.zonedeck.compute;

import io.zonedeck.base.OffsetPage;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The jobs page: every job for operators, the tenant's own for everyone else; newest first. */
@Service
public class JobService {
    private final JobRepository jobs;
    private final CurrentCaller currentCaller;

    JobService(JobRepository jobs, CurrentCaller currentCaller) {
        this.jobs = jobs;
        this.currentCaller = currentCaller;
    }

    @Transactional(readOnly = true)
    public List<JobInfo> page(JobQuery query, int offset, int limit) {
        Caller caller = currentCaller.get();
        Sort sort = Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"));
        return jobs
                .findBy(
                        spec(caller, query),
                        q -> q.slice(OffsetPage.of(offset, limit, sort)).getContent())
                .stream()
                .map(MachineService::toInfo)
                .toList();
    }

    @Transactional(readOnly = true)
    public int count(JobQuery query) {
        return (int) jobs.count(spec(currentCaller.get(), query));
    }

    private static Specification<JobEntity> spec(Caller caller, JobQuery q) {
        return (root, cq, cb) -> {
            List<Predicate> ps = new ArrayList<>();
            if (!caller.isOperator()) {
                ps.add(cb.equal(root.get("tenantId"), caller.tenantId()));
            }
            if (!MachineService.blank(q.state())) {
                if ("active".equals(q.state())) {
                    ps.add(root.get("state").in(JobAdmission.ACTIVE_JOB_STATES));
                } else {
                    ps.add(cb.equal(root.get("state"), q.state().strip()));
                }
            }
            if (!MachineService.blank(q.action())) {
                ps.add(cb.equal(root.get("action"), q.action().strip()));
            }
            if (!MachineService.blank(q.search())) {
                String like = "%" + MachineService.escapeLike(q.search().strip().toLowerCase()) + "%";
                ps.add(cb.or(
                        cb.like(cb.lower(root.get("machineName")), like, '\\'),
                        cb.like(cb.lower(root.get("createdBy")), like, '\\')));
            }
            return cb.and(ps.toArray(Predicate[]::new));
        };
    }
}
