package io.zonedeck.security.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserRepository extends JpaRepository<UserEntity, UUID> {
    Optional<UserEntity> findByUsername(String username);

    List<UserEntity> findAllByOrderByUsername();

    List<UserEntity> findByTenantIdOrderByUsername(UUID tenantId);

    /** Tenant id and its number of users, one row per tenant that has users. */
    @Query("select u.tenantId, count(u) from UserEntity u where u.tenantId is not null group by u.tenantId")
    List<Object[]> countByTenant();
}
