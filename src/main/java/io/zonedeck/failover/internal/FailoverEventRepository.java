package io.zonedeck.failover.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FailoverEventRepository extends JpaRepository<FailoverEventEntity, UUID> {
    List<FailoverEventEntity> findTop50ByPairIdOrderByAtDesc(UUID pairId);
}
