package io.zonedeck.network;

import java.util.UUID;

/** A network: nic_tag + VLAN + IPv4 subnet with an allocation range. */
public record Network(
        UUID id,
        String name,
        String nicTag,
        int vlanId,
        String subnet,
        String gateway,
        String rangeStart,
        String rangeEnd) {
    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }
}
