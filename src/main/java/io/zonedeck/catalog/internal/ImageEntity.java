package io.zonedeck.catalog.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "image")
public class ImageEntity {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String os;

    /** Comma-separated brands. */
    @Column(nullable = false)
    public String brands;

    @Column(name = "size_mib", nullable = false)
    public long sizeMiB;

    @Column(nullable = false)
    public String state = "active";
}
