package io.zonedeck.network.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NetworkRepository extends JpaRepository<NetworkEntity, UUID> {
    Optional<NetworkEntity> findByName(String name);
}
