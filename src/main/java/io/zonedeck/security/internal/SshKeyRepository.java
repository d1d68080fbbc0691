package io.zonedeck.security.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SshKeyRepository extends JpaRepository<SshKeyEntity, UUID> {
    List<SshKeyEntity> findByUserIdOrderByCreatedAtAscNameAsc(UUID userId);

    Optional<SshKeyEntity> findByIdAndUserId(UUID id, UUID userId);

    Optional<SshKeyEntity> findByUserIdAndFingerprint(UUID userId, String fingerprint);

    boolean existsByUserIdAndName(UUID userId, String name);

    long countByUserId(UUID userId);
}
