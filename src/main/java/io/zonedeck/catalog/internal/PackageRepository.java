package io.zonedeck.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PackageRepository extends JpaRepository<PackageEntity, UUID> {
    Optional<PackageEntity> findByName(String name);

    List<PackageEntity> findByActiveTrueOrderByRamMiBAsc();
}
