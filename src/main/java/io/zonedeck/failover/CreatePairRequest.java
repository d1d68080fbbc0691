package io.zonedeck.failover;

/**
 * A new pair from two existing machines (ids or names of the caller's machines). Optional values get defaults:
 * the lowest free VRID on the network, a free VIP from the network, priorities 200/100, interval 1000 ms,
 * preempt and accept on.
 */
public record CreatePairRequest(
        String name,
        String machineA,
        String machineB,
        Integer vrid,
        String vip,
        Integer priorityA,
        Integer priorityB,
        Integer intervalMs,
        Boolean preempt,
        Boolean accept) {}
