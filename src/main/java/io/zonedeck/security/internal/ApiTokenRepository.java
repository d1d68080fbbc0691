package io.zonedeck.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, UUID> {
    List<ApiTokenEntity> findByUserIdAndRevokedAtIsNullOrderByCreatedAtAsc(UUID userId);

    Optional<ApiTokenEntity> findByIdAndUserIdAndRevokedAtIsNull(UUID id, UUID userId);

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    boolean existsByUserIdAndNameAndRevokedAtIsNull(UUID userId, String name);

    long countByUserIdAndRevokedAtIsNull(UUID userId);

    /** Marks a token used, at most once a minute (a REST call must not write a row each time). */
    @Modifying
    @Query("update ApiTokenEntity t set t.lastUsedAt = :now where t.id = :id"
            + " and (t.lastUsedAt is null or t.lastUsedAt < :before)")
    int touch(UUID id, Instant now, Instant before);
}
