package io.zonedeck.agent.api;

import java.util.List;

/**
 * One VRRP router of a machine ({@code PUT /v1/machines/{uuid}/vrrp/{vrid}}): what vmadm's nic properties
 * vrrp_vrid / vrrp_primary_ip and vrrpadm create-router take together.
 *
 * @param primaryIp the IP of another, non-VRRP NIC of the same machine (vmadm's vrrp_primary_ip)
 * @param priority 1..255 (255 = address owner)
 * @param intervalMs advertisement interval, 10..40950 ms
 * @param vips the virtual addresses this router answers for when MASTER (accept mode) or forwards for
 * @param nicTag network segment of the VRRP NIC; with vlanId it scopes the VRID
 */
public record VrrpSpec(
        int vrid,
        String primaryIp,
        int priority,
        int intervalMs,
        boolean preempt,
        boolean accept,
        List<String> vips,
        String nicTag,
        int vlanId) {}
