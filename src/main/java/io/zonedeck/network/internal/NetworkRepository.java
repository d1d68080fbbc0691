package io.zonedeck.network.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NetworkRepository extends JpaRepository<NetworkEntity, UUID> {
    Optional<NetworkEntity> findByName(String name);

    /** The network row, locked until the transaction ends: its address pool is taken from by one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select n from NetworkEntity n where n.id = :id")
    Optional<NetworkEntity> lockById(@Param("id") UUID id);
}
