package io.zonedeck.network.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface IpAllocationRepository extends JpaRepository<IpAllocationEntity, UUID> {
    List<IpAllocationEntity> findByNetworkId(UUID networkId);

    List<IpAllocationEntity> findByOwnerId(UUID ownerId);

    long deleteByOwnerId(UUID ownerId);

    long countByNetworkId(UUID networkId);
}
