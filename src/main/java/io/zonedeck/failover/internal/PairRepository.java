package io.zonedeck.failover.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PairRepository extends JpaRepository<PairEntity, UUID> {
    List<PairEntity> findByTenantIdOrderByName(UUID tenantId);

    List<PairEntity> findAllByOrderByName();

    Optional<PairEntity> findByTenantIdAndName(UUID tenantId, String name);

    List<PairEntity> findByNetworkId(UUID networkId);

    @Query("select p from PairEntity p where p.machineA = :m or p.machineB = :m")
    List<PairEntity> findByMember(@Param("m") UUID machine);
}
