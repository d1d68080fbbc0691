package io.zonedeck.tenancy.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TenantQuotaRepository extends JpaRepository<TenantQuotaEntity, UUID> {}
