package io.zonedeck.tenancy.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TenantRepository extends JpaRepository<TenantEntity, UUID> {
    Optional<TenantEntity> findByName(String name);

    java.util.List<TenantEntity> findAllByOrderByName();

    /** The tenant row, locked until the transaction ends: quota checks of one tenant run one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from TenantEntity t where t.id = :id")
    Optional<TenantEntity> lockById(@Param("id") UUID id);
}
