package io.zonedeck.network;

import java.util.List;
import java.util.UUID;

/**
 * A network: nic_tag + VLAN + IPv4 subnet with an allocation range. Public networks ({@code ownerTenantId}
 * null) are usable by every tenant; a tenant's own network only by that tenant.
 */
public record Network(
        UUID id,
        String name,
        String nicTag,
        int vlanId,
        String subnet,
        String gateway,
        String rangeStart,
        String rangeEnd,
        List<String> resolvers,
        int mtu,
        UUID ownerTenantId) {
    public Network(
            UUID id,
            String name,
            String nicTag,
            int vlanId,
            String subnet,
            String gateway,
            String rangeStart,
            String rangeEnd) {
        this(id, name, nicTag, vlanId, subnet, gateway, rangeStart, rangeEnd, List.of(), 1500, null);
    }

    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }

    public boolean isPublic() {
        return ownerTenantId == null;
    }

    /** Whether a tenant may put NICs on it ({@code tenantId} null = operator: every network). */
    public boolean usableBy(UUID tenantId) {
        return tenantId == null || ownerTenantId == null || ownerTenantId.equals(tenantId);
    }
}
