package io.zonedeck.security.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, UUID> {
    List<ApiTokenEntity> findByUserIdAndRevokedAtIsNullOrderByCreatedAtAsc(UUID userId);

    Optional<ApiTokenEntity> findByIdAndUserIdAndRevokedAtIsNull(UUID id, UUID userId);

    boolean existsByUserIdAndNameAndRevokedAtIsNull(UUID userId, String name);

    long countByUserIdAndRevokedAtIsNull(UUID userId);
}
