package io.zonedeck.network.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One address in use; (network_id, ip) is unique in the schema, so two owners never get one address. */
@Entity
@Table(name = "ip_allocation")
public class IpAllocationEntity {
    @Id
    public UUID id;

    @Column(name = "network_id", nullable = false)
    public UUID networkId;

    @Column(nullable = false)
    public String ip;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;
}
