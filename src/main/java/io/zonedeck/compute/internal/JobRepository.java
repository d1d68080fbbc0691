package io.zonedeck.compute.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRepository extends JpaRepository<JobEntity, UUID> {
    Optional<JobEntity> findFirstByMachineIdAndStateIn(UUID machineId, Collection<String> states);

    List<JobEntity> findByStateIn(Collection<String> states);

    List<JobEntity> findTop10ByMachineIdOrderByCreatedAtDesc(UUID machineId);
}
