package io.zonedeck.nodes;

import io.zonedeck.agent.api.Fingerprint;
import java.time.Instant;
import java.util.UUID;

/**
 * A compute node as the portal knows it (never exposes the credential).
 *
 * @param fingerprint the pinned certificate of its agent; null for an agent over plain HTTP (the demo)
 */
public record Node(
        UUID id,
        String name,
        String url,
        NodeState state,
        Instant lastHeartbeat,
        String driver,
        int cpus,
        long ramMiB,
        long diskGiB,
        Fingerprint fingerprint) {

    public Node(
            UUID id,
            String name,
            String url,
            NodeState state,
            Instant lastHeartbeat,
            String driver,
            int cpus,
            long ramMiB,
            long diskGiB) {
        this(id, name, url, state, lastHeartbeat, driver, cpus, ramMiB, diskGiB, null);
    }
}
