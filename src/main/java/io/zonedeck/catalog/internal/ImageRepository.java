package io.zonedeck.catalog.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImageRepository extends JpaRepository<ImageEntity, UUID> {
    List<ImageEntity> findByName(String name);

    List<ImageEntity> findByStateOrderByNameAscVersionDesc(String state);
}
