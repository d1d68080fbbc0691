package io.zonedeck.tenancy.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface QuotaRequestRepository extends JpaRepository<QuotaRequestEntity, UUID> {
    List<QuotaRequestEntity> findAllByOrderByRequestedAtDesc();

    List<QuotaRequestEntity> findByTenantIdOrderByRequestedAtDesc(UUID tenantId);

    List<QuotaRequestEntity> findByStateOrderByRequestedAtAsc(String state);

    Optional<QuotaRequestEntity> findByTenantIdAndPendingKey(UUID tenantId, String pendingKey);

    long countByState(String state);

    /** Tenant id and its number of pending requests. */
    @Query("select r.tenantId, count(r) from QuotaRequestEntity r where r.state = 'pending' group by r.tenantId")
    List<Object[]> pendingByTenant();
}
