package io.zonedeck.failover;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A VRRP failover pair with its members' live state. */
public record FailoverPair(
        UUID id,
        String name,
        UUID tenantId,
        String tenantName,
        String networkName,
        int vrid,
        String vip,
        String mac,
        int intervalMs,
        boolean preempt,
        boolean accept,
        List<Member> members,
        Instant lastTransition,
        Instant createdAt) {

    /** One member: the machine, where it runs (operators only), its priority and router state. */
    public record Member(
            UUID machineId,
            String name,
            String nodeName,
            String primaryIp,
            int priority,
            boolean enabled,
            String state,
            Instant stateSince,
            double masterDownMillis) {
        public boolean isMaster() {
            return "MASTER".equals(state);
        }
    }

    public Optional<Member> master() {
        return members.stream().filter(Member::isMaster).findFirst();
    }
}
