package io.zonedeck.compute.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SnapshotRepository extends JpaRepository<SnapshotEntity, UUID> {
    List<SnapshotEntity> findByMachineIdOrderByCreatedAtAsc(UUID machineId);

    Optional<SnapshotEntity> findByMachineIdAndName(UUID machineId, String name);

    long countByMachineId(UUID machineId);
}
