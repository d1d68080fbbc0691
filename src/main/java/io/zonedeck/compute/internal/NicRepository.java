package io.zonedeck.compute.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NicRepository extends JpaRepository<NicEntity, UUID> {
    List<NicEntity> findByMachineIdOrderByCreatedAtAsc(UUID machineId);

    List<NicEntity> findByMachineIdIn(Collection<UUID> machineIds);

    Optional<NicEntity> findByMachineIdAndMac(UUID machineId, String mac);

    boolean existsByMac(String mac);

    long deleteByMachineId(UUID machineId);
}
