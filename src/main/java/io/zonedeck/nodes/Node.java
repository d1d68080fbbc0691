package io.zonedeck.nodes;

import java.time.Instant;
import java.util.UUID;

/** A compute node as the portal knows it (never exposes the credential). */
public record Node(
        UUID id,
        String name,
        String url,
        NodeState state,
        Instant lastHeartbeat,
        String driver,
        int cpus,
        long ramMiB,
        long diskGiB) {}
