package io.zonedeck.network.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "network")
public class NetworkEntity {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "nic_tag", nullable = false)
    public String nicTag;

    @Column(name = "vlan_id", nullable = false)
    public int vlanId;

    @Column(nullable = false)
    public String subnet;

    @Column(nullable = false)
    public String gateway;

    @Column(name = "range_start", nullable = false)
    public String rangeStart;

    @Column(name = "range_end", nullable = false)
    public String rangeEnd;

    /** Comma-separated. */
    @Column(nullable = false)
    public String resolvers = "";

    @Column(nullable = false)
    public int mtu = 1500;

    @Column(name = "owner_tenant_id")
    public UUID ownerTenantId;
}
