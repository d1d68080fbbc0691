package io.zonedeck.agent.vrrp;

/**
 * A VRRP advertisement as it travels on a segment (RFC 5798 section 5.2, the fields that matter here).
 *
 * @param priority 0 = the master is releasing, 255 = address owner
 * @param intervalMs the sender's Advertisement_Interval in ms (the RFC carries centiseconds)
 * @param primaryIp the sender's primary IPv4 address (tie breaker at equal priority)
 * @param nicTag segment of the sender's VRRP NIC; with {@code vlanId} and {@code vrid} it scopes delivery
 * @param sentAt epoch ms on the sender's clock
 */
public record Advert(
        int vrid, int priority, int intervalMs, String primaryIp, String nicTag, int vlanId, long sentAt) {}
