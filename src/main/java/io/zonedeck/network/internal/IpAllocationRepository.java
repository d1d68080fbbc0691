package io.zonedeck.network.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface IpAllocationRepository extends JpaRepository<IpAllocationEntity, UUID> {
    List<IpAllocationEntity> findByNetworkId(UUID networkId);

    /** The network's allocated addresses, without loading entities (allocation runs on every create). */
    @org.springframework.data.jpa.repository.Query("select a.ip from IpAllocationEntity a where a.networkId = :n")
    List<String> ipsIn(@org.springframework.data.repository.query.Param("n") UUID networkId);

    List<IpAllocationEntity> findByOwnerId(UUID ownerId);

    long deleteByOwnerId(UUID ownerId);

    long countByNetworkId(UUID networkId);
}
