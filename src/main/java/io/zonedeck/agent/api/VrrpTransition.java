package io.zonedeck.agent.api;

import java.util.UUID;

/**
 * A router changed state (in the agent's stream).
 *
 * @param at epoch ms of the transition, on the agent's clock
 * @param reason e.g. "master down timer expired", "priority-0 advert received", "preempted by higher priority"
 * @param lastPeerAdvert epoch ms of the last advert heard from the peer before the transition (null if none):
 *     for a backup becoming master, {@code at - lastPeerAdvert} is the failover duration
 */
public record VrrpTransition(
        UUID uuid,
        int vrid,
        VrrpState from,
        VrrpState to,
        long at,
        String reason,
        Long lastPeerAdvert,
        String peerPrimaryIp) {}
