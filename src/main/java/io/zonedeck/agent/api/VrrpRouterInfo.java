package io.zonedeck.agent.api;

import java.util.List;
import java.util.UUID;

/**
 * A VRRP router on a node ({@code GET /v1/vrrp}).
 *
 * @param mac the virtual MAC 00:00:5e:00:01:&lt;vrid&gt;
 * @param stateSince epoch ms of the last transition
 * @param lastPeerAdvert epoch ms of the last advertisement received from another router (null if none)
 */
public record VrrpRouterInfo(
        UUID uuid,
        int vrid,
        VrrpState state,
        boolean enabled,
        int priority,
        int intervalMs,
        boolean preempt,
        boolean accept,
        List<String> vips,
        String primaryIp,
        String mac,
        long stateSince,
        Long lastPeerAdvert,
        String peerPrimaryIp,
        Integer peerPriority) {}
