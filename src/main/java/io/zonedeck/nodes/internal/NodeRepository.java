package io.zonedeck.nodes.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NodeRepository extends JpaRepository<NodeEntity, UUID> {
    Optional<NodeEntity> findByName(String name);
}
