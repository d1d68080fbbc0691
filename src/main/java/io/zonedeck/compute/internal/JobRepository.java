package io.zonedeck.compute.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<JobEntity, UUID>, JpaSpecificationExecutor<JobEntity> {
    Optional<JobEntity> findFirstByMachineIdAndStateIn(UUID machineId, Collection<String> states);

    List<JobEntity> findByStateIn(Collection<String> states);

    List<JobEntity> findTop10ByMachineIdOrderByCreatedAtDesc(UUID machineId);

    List<JobEntity> findTop50ByMachineIdOrderByCreatedAtDesc(UUID machineId);

    /** When the last change to any row was written (by any portal instance). */
    @Query("select max(x.updatedAt) from JobEntity x")
    java.time.Instant lastUpdate();
}
