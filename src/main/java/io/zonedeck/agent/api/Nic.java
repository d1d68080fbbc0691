package io.zonedeck.agent.api;

import java.util.List;

/** A vmadm NIC: nic_tag, ips (CIDR or "dhcp"), gateways, vlan_id, primary. */
public record Nic(String nicTag, List<String> ips, List<String> gateways, Integer vlanId, Boolean primary) {}
