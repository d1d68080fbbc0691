package io.zonedeck.agent.api;

import java.util.List;

/**
 * A vmadm NIC: nic_tag, ips (CIDR or "dhcp"), gateways, vlan_id, primary, mac (chosen by the portal so that
 * add_nics is idempotent and remove_nics can name it), mtu.
 */
public record Nic(
        String nicTag,
        List<String> ips,
        List<String> gateways,
        Integer vlanId,
        Boolean primary,
        String mac,
        Integer mtu) {
    public Nic(String nicTag, List<String> ips, List<String> gateways, Integer vlanId, Boolean primary) {
        this(nicTag, ips, gateways, vlanId, primary, null, null);
    }
}
